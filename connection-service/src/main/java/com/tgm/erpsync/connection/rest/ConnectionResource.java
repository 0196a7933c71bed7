package com.tgm.erpsync.connection.rest;

import com.tgm.erpsync.connection.audit.AuditAction;
import com.tgm.erpsync.connection.repository.ConnectionEntity;
import com.tgm.erpsync.connection.service.ConnectionService;
import com.tgm.erpsync.connection.service.ConnectionTester;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The guide's connection endpoints. Every write is validated whole and published. */
@Path("/api/admin/erp/connections")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connections")
public class ConnectionResource {
  private final ConnectionService connections;
  private final ConnectionTester tester;

  public ConnectionResource(ConnectionService connections, ConnectionTester tester) {
    this.connections = connections;
    this.tester = tester;
  }

  @GET
  @Operation(summary = "List all connections")
  public List<ConnectionResponse> list() {
    return connections.list().stream().map(this::view).toList();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Get connection details")
  public ConnectionResponse get(@PathParam("id") long id) {
    return view(connections.get(id));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create new connection")
  @AuditAction("connection.create")
  public Response create(ConnectionRequest request, UriInfo uri) {
    ConnectionEntity created = connections.create(request);
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id)).build())
        .entity(view(created))
        .build();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Path("/{id}")
  @Operation(
      summary = "Update connection",
      description =
          "Fields left out keep their value; secrets left out or sent back masked keep theirs.")
  @AuditAction("connection.update")
  public ConnectionResponse update(@PathParam("id") long id, ConnectionRequest request) {
    return view(connections.update(id, request));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete connection")
  @AuditAction("connection.delete")
  public Response delete(@PathParam("id") long id) {
    connections.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/test")
  @Operation(
      summary = "Test connection",
      description =
          "Sends a TestConnection command to the connector of the ERP's family and waits for its"
              + " answer (tgm.connection-test.timeout, 30 s by default). The outcome is recorded"
              + " as connectionStatus CONNECTED or ERROR with lastTestedAt and lastError. When no"
              + " connector answers in time the status is failure and the message says so.")
  @AuditAction("connection.test")
  public TestConnectionResponse test(@PathParam("id") long id) throws InterruptedException {
    ConnectionTester.Outcome outcome = tester.test(id);
    return new TestConnectionResponse(
        outcome.connection().id,
        outcome.connection().name,
        outcome.connection().erpType.name(),
        outcome.success() ? "success" : "failure",
        outcome.message(),
        utc(outcome.testedAt()),
        outcome.errorCode() == null ? null : outcome.errorCode().name(),
        outcome.latencyMs());
  }

  @GET
  @Path("/{id}/webhook-secret")
  @Operation(
      summary = "Reveal the webhook secret",
      description =
          "The secret the ERP must send with its webhooks, in clear. Every read is audited. 409"
              + " when webhooks are not enabled on the connection.")
  @AuditAction("webhook-secret.read")
  public WebhookSecretResponse webhookSecret(@PathParam("id") long id) {
    return WebhookSecretResponse.of(id, connections.webhookSecret(id));
  }

  @POST
  @Path("/{id}/webhook-secret/rotate")
  @Operation(
      summary = "Rotate the webhook secret",
      description =
          "Replaces the webhook secret with a new random one (256 bits) and returns it. The old"
              + " secret stops working as soon as the webhook gateway has the new configuration,"
              + " so update the ERP's webhook subscription right after.")
  @AuditAction("webhook-secret.rotate")
  public WebhookSecretResponse rotateWebhookSecret(@PathParam("id") long id) {
    return WebhookSecretResponse.of(id, connections.rotateWebhookSecret(id));
  }

  @POST
  @Path("/{id}/enable")
  @Operation(summary = "Enable connection")
  @AuditAction("connection.enable")
  public ConnectionResponse enable(@PathParam("id") long id) {
    return view(connections.setEnabled(id, true));
  }

  @POST
  @Path("/{id}/disable")
  @Operation(summary = "Disable connection")
  @AuditAction("connection.disable")
  public ConnectionResponse disable(@PathParam("id") long id) {
    return view(connections.setEnabled(id, false));
  }

  private ConnectionResponse view(ConnectionEntity e) {
    List<String> secrets = connections.secretNames(e);
    Map<String, Object> settings = new LinkedHashMap<>(connections.settings(e));
    secrets.stream()
        .filter(
            s ->
                !ConnectionService.TOP_LEVEL_SECRETS.contains(s)
                    && !ConnectionSnapshot.WEBHOOK_SECRET.equals(s))
        .forEach(s -> settings.put(s, ConnectionService.MASK));
    return new ConnectionResponse(
        e.id,
        e.name,
        e.description,
        e.erpType.name(),
        e.authType.name(),
        e.baseUrl,
        e.clientId,
        masked(secrets, ConnectionSnapshot.CLIENT_SECRET),
        e.username,
        masked(secrets, ConnectionSnapshot.PASSWORD),
        masked(secrets, ConnectionSnapshot.API_KEY),
        masked(secrets, ConnectionSnapshot.PRIVATE_KEY),
        masked(secrets, ConnectionSnapshot.CERTIFICATE),
        e.sapClient,
        e.sapSystemId,
        e.sapInstanceNumber,
        e.sapLanguage,
        e.dynamicsTenantId,
        e.dynamicsEnvironment,
        e.dynamicsCompanyId,
        e.oracleInstanceUrl,
        e.oracleIdentityDomain,
        settings,
        secrets,
        e.enabled,
        e.syncEnabled,
        e.syncDirection.name(),
        e.syncIntervalMinutes,
        e.webhookEnabled,
        e.maxRetries,
        e.retryDelaySeconds,
        e.rateLimitRequests,
        e.rateLimitPeriodSeconds,
        e.maxConcurrentRequests,
        e.connectionStatus,
        utc(e.lastTestedAt),
        e.lastError,
        e.version,
        utc(e.createdAt),
        utc(e.updatedAt));
  }

  private static String masked(List<String> secrets, String name) {
    return secrets.contains(name) ? ConnectionService.MASK : null;
  }

  /** The guide shows times as UTC local date-times to the second: 2024-01-15T10:30:00. */
  static LocalDateTime utc(Instant instant) {
    return instant == null
        ? null
        : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
  }
}
