package com.tgm.erpsync.connection.audit;

import com.tgm.erpsync.connection.rest.Problem;
import io.quarkus.logging.Log;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Ties the audit trail to the admin API. Before an {@link AuditAction} endpoint runs, its action
 * and caller are put in the {@link AuditContext}. Once it answered, an entry is written in a
 * transaction of its own unless the service already recorded one with its change (then only the
 * HTTP status is added). This covers rejected and failed writes, refused tokens (the security check
 * is answered by an exception mapper, whose response passes here too) and endpoints that delegate
 * to other services. An exception no mapper answers skips response filters: the end of the HTTP
 * response finishes the entry then. Writing the entry never changes the response.
 */
public class AuditFilters {
  /** A connection's own paths: /connections/{id} and everything below it. */
  private static final Pattern CONNECTION_PATH =
      Pattern.compile("^/api/admin/erp/connections/(\\d{1,18})(?:/.*)?$");

  private final AuditContext context;
  private final AuditTrail trail;
  private final CurrentIdentityAssociation identities;

  public AuditFilters(
      AuditContext context, AuditTrail trail, CurrentIdentityAssociation identities) {
    this.context = context;
    this.trail = trail;
    this.identities = identities;
  }

  @ServerRequestFilter
  public Uni<Void> beginAudit(
      ResourceInfo resource, ContainerRequestContext request, RoutingContext routing) {
    String action = actionOf(resource);
    if (action == null) {
      return Uni.createFrom().voidItem();
    }
    AuditedRequest audited = context.request();
    audited.begin(action, request.getMethod(), request.getUriInfo().getPath());
    routing.addEndHandler(ended -> finishAtEnd(audited, routing.response().getStatusCode()));
    return callerOf().invoke(actor -> audited.actor(actor)).replaceWithVoid();
  }

  @ServerResponseFilter
  public Uni<Void> recordAudit(
      ResourceInfo resource, ContainerRequestContext request, ContainerResponseContext response) {
    String action = actionOf(resource);
    AuditedRequest audited = context.request();
    if (action == null || !audited.finish()) {
      return Uni.createFrom().voidItem();
    }
    int status = response.getStatus();
    // everything request-scoped is read here, on the request's thread, before any switch
    List<Long> committed = audited.committedEntries();
    if (!committed.isEmpty()) {
      return blocking(() -> trail.completeStatus(committed, status));
    }
    AuditEntryEntity entry =
        attempt(
            audited,
            action,
            request.getMethod(),
            request.getUriInfo().getPath(),
            status,
            detailOf(response.getEntity(), status));
    return callerOf()
        .chain(
            actor -> {
              entry.actor = actor;
              return blocking(() -> trail.recordSeparately(entry));
            })
        .onFailure()
        .recoverWithUni(
            e -> {
              Log.errorf(e, "ERP audit: could not record %s %s", action, entry.path);
              return Uni.createFrom().voidItem();
            });
  }

  /** The response went out without passing the response filter: an unmapped exception. */
  private void finishAtEnd(AuditedRequest audited, int status) {
    if (!audited.finish()) {
      return;
    }
    List<Long> committed = audited.committedEntries();
    if (!committed.isEmpty()) {
      Infrastructure.getDefaultWorkerPool().execute(() -> trail.completeStatus(committed, status));
      return;
    }
    AuditEntryEntity entry =
        attempt(
            audited, audited.action(), audited.method(), audited.path(), status, reason(status));
    entry.actor = audited.actor() == null ? AuditTrail.ANONYMOUS : audited.actor();
    Infrastructure.getDefaultWorkerPool().execute(() -> trail.recordSeparately(entry));
  }

  private AuditEntryEntity attempt(
      AuditedRequest audited,
      String action,
      String method,
      String path,
      int status,
      String detail) {
    Long connectionId = audited.connectionId();
    AuditEntryEntity entry =
        AuditTrail.entry(
            null, action, connectionId != null ? connectionId : connectionIn(path), method, path);
    entry.outcome = AuditOutcome.ofStatus(status);
    entry.status = status;
    entry.changes = trail.json(audited.changes());
    entry.detail = detail;
    return entry;
  }

  /** The caller; a refused token leaves a failed identity behind, and that caller is anonymous. */
  private Uni<String> callerOf() {
    return identities.getDeferredIdentity().onFailure().recoverWithNull().map(AuditTrail::actorOf);
  }

  /** Runs a database write here if this thread may block, else on a worker thread. */
  private static Uni<Void> blocking(Runnable write) {
    if (BlockingOperationControl.isBlockingAllowed()) {
      write.run();
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .item(
            () -> {
              write.run();
              return (Void) null;
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private static String actionOf(ResourceInfo resource) {
    Method method = resource == null ? null : resource.getResourceMethod();
    AuditAction action = method == null ? null : method.getAnnotation(AuditAction.class);
    return action == null ? null : action.value();
  }

  private static Long connectionIn(String path) {
    Matcher matcher = CONNECTION_PATH.matcher(path == null ? "" : path);
    return matcher.matches() ? Long.valueOf(matcher.group(1)) : null;
  }

  /** Problem details never carry secrets; of the fields at fault only their names are kept. */
  static String detailOf(Object entity, int status) {
    if (entity instanceof Problem problem) {
      StringBuilder detail = new StringBuilder(String.valueOf(problem.title()));
      if (problem.detail() != null) {
        detail.append(": ").append(problem.detail());
      }
      if (problem.errors() != null && !problem.errors().isEmpty()) {
        detail.append(
            problem.errors().stream()
                .map(Problem.FieldError::field)
                .collect(Collectors.joining(", ", " (", ")")));
      }
      return detail.toString();
    }
    return reason(status);
  }

  private static String reason(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return status >= 400 && known != null ? known.getReasonPhrase() : null;
  }
}
