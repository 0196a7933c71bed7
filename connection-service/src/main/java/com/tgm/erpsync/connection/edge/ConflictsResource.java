package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.connection.audit.AuditAction;
import com.tgm.erpsync.connection.rest.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The conflict queue: records changed on both sides since their last sync, waiting for an admin to
 * say which values win. Relayed to sync-orchestrator at the same paths.
 */
@Path("/api/admin/erp/conflicts")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conflicts")
public class ConflictsResource {
  private final SyncOrchestrator orchestrator;

  public ConflictsResource(SyncOrchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  @GET
  @Operation(
      summary = "List sync conflicts",
      description =
          "Newest first, a page at a time, filtered by connection, status and entity type: the body"
              + " is the page's conflicts; X-Total-Count gives the number of conflicts matching"
              + " and Link the first, prev, next and last pages. "
              + EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  @APIResponse(
      responseCode = "200",
      description = "The page of conflicts",
      headers = {
        @Header(
            name = "X-Total-Count",
            description = "How many conflicts match the filters",
            schema = @Schema(type = SchemaType.INTEGER)),
        @Header(
            name = "Link",
            description = "The first, prev, next and last pages (RFC 8288)",
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(
      responseCode = "400",
      description = "A query parameter is invalid; errors names each one",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response list(
      @Parameter(description = "Only conflicts of this connection, e.g. 7")
          @QueryParam("connectionId")
          String connectionId,
      @Parameter(
              description = "OPEN (waiting for a resolution) or RESOLVED",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"OPEN", "RESOLVED"}))
          @QueryParam("status")
          String status,
      @Parameter(description = "Only conflicts of this TGM entity type, e.g. UNIT")
          @QueryParam("entityType")
          String entityType,
      @Parameter(description = "Page number, from 0 (default 0)") @QueryParam("page") String page,
      @Parameter(description = "Conflicts per page, 1–100 (default 20)") @QueryParam("size")
          String size) {
    return orchestrator.conflicts(connectionId, status, entityType, page, size);
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary = "Get a sync conflict",
      description =
          "One conflict: the record's base values (as of its last sync), its TGM and ERP values"
              + " side by side, and the fields that changed on both sides. "
              + EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  @APIResponse(responseCode = "200", description = "The conflict")
  @APIResponse(
      responseCode = "404",
      description = "No conflict with this id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response get(
      @Parameter(description = "The conflict's id") @PathParam("id") long conflictId) {
    return orchestrator.conflict(conflictId);
  }

  /** The body goes to sync-orchestrator as it arrived; the audit entry records no field values. */
  @POST
  @Path("/{id}/resolve")
  @Consumes(MediaType.APPLICATION_JSON)
  @AuditAction("conflict.resolve")
  @Operation(
      summary = "Resolve a sync conflict",
      description =
          "Decides which values win: TGM's, the ERP's, or, with MERGED, the TGM field values given"
              + " in values (required then). "
              + EdgeDocs.RELAYED_TO_SYNC_ORCHESTRATOR)
  @APIResponse(responseCode = "200", description = "The conflict, RESOLVED")
  @APIResponse(
      responseCode = "400",
      description =
          "The resolution is invalid (missing or not TGM, ERP or MERGED; MERGED without"
              + " values); errors names each field at fault",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No conflict with this id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The conflict is already resolved",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response resolve(
      @Parameter(description = "The conflict's id") @PathParam("id") long conflictId,
      @RequestBody(
              required = true,
              description = "The resolution",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = ConflictResolutionRequest.class)))
          JsonNode resolution) {
    return orchestrator.resolveConflict(conflictId, resolution);
  }
}
