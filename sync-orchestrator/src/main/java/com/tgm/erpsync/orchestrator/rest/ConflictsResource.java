package com.tgm.erpsync.orchestrator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.orchestrator.jobs.InvalidRequestException;
import com.tgm.erpsync.orchestrator.jobs.InvalidRequestException.Violation;
import com.tgm.erpsync.orchestrator.sync.ConflictQueue;
import com.tgm.erpsync.orchestrator.sync.ConflictQueue.Resolution;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The MANUAL conflict queue: records changed on both sides that the mapping's strategy left for a
 * person, listed, read side by side, and resolved with TGM's values, the ERP's, or merged values.
 */
@Path("/api/admin/erp/conflicts")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
public class ConflictsResource {
  static final int DEFAULT_PAGE_SIZE = 20;

  private final ConflictQueue queue;

  public ConflictsResource(ConflictQueue queue) {
    this.queue = queue;
  }

  /** Newest first; {@code status} OPEN or RESOLVED, all when absent. */
  @GET
  public Response list(
      @QueryParam("connectionId") String connectionId,
      @QueryParam("status") String status,
      @QueryParam("entityType") String entityType,
      @QueryParam("page") String page,
      @QueryParam("size") String size,
      @Context UriInfo uri) {
    List<Violation> violations = new ArrayList<>();
    Long connection = null;
    if (connectionId != null && !connectionId.isBlank()) {
      try {
        connection = Long.parseLong(connectionId.trim());
      } catch (NumberFormatException e) {
        violations.add(new Violation("connectionId", "must be a connection id (a whole number)"));
      }
    }
    String wanted = null;
    if (status != null && !status.isBlank()) {
      wanted = status.trim().toUpperCase(Locale.ROOT);
      if (!wanted.equals("OPEN") && !wanted.equals("RESOLVED")) {
        violations.add(new Violation("status", "must be OPEN or RESOLVED"));
      }
    }
    EntityType entity = null;
    if (entityType != null && !entityType.isBlank()) {
      try {
        entity = EntityType.valueOf(entityType.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        violations.add(
            new Violation("entityType", "must be one of " + Arrays.toString(EntityType.values())));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    Paging.Request asked =
        Paging.parse("page", page, "size", size, DEFAULT_PAGE_SIZE, SyncResource.MAX_PAGE_SIZE);
    return Paging.ok(
        queue.list(connection, wanted, entity, asked.page(), asked.size()),
        ConflictView.Summary::of,
        uri);
  }

  @GET
  @Path("/{id}")
  public ConflictView.Detail get(@PathParam("id") long id) {
    return ConflictView.Detail.of(queue.get(id));
  }

  /**
   * Resolves an open conflict: {@code {"resolution": "TGM" | "ERP" | "MERGED", "values": {...}}},
   * values (TGM field names) required for MERGED with every conflicting field. Answers the resolved
   * conflict.
   */
  @POST
  @Path("/{id}/resolve")
  @Consumes(MediaType.APPLICATION_JSON)
  public ConflictView.Detail resolve(
      @PathParam("id") long id, JsonNode body, @Context SecurityContext caller) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException(
          "body", "must be a JSON object: {\"resolution\": \"TGM\" | \"ERP\" | \"MERGED\"}");
    }
    JsonNode resolution = body.get("resolution");
    Resolution chosen;
    try {
      chosen =
          resolution == null || !resolution.isTextual()
              ? null
              : Resolution.valueOf(resolution.textValue().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      chosen = null;
    }
    if (chosen == null) {
      throw new InvalidRequestException("resolution", "must be TGM, ERP or MERGED");
    }
    String who =
        caller.getUserPrincipal() == null ? "unknown" : caller.getUserPrincipal().getName();
    return ConflictView.Detail.of(queue.resolve(id, chosen, body.get("values"), who));
  }
}
