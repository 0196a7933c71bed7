package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.connection.audit.AuditAction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The guide's mapping endpoints under a connection, relayed to mapping-service. */
@Path("/api/admin/erp/connections")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Entity Mappings")
public class ConnectionMappingsResource {
  private final MappingService mappings;

  public ConnectionMappingsResource(MappingService mappings) {
    this.mappings = mappings;
  }

  @GET
  @Path("/{id}/mappings")
  @Operation(summary = "List entity mappings", description = EdgeDocs.RELAYED_TO_MAPPING_SERVICE)
  public Response list(@PathParam("id") long connectionId) {
    return mappings.list(connectionId);
  }

  @POST
  @Path("/{id}/mappings")
  @AuditAction("mapping.create")
  @Operation(summary = "Create mapping", description = EdgeDocs.RELAYED_TO_MAPPING_SERVICE)
  public Response create(@PathParam("id") long connectionId, JsonNode mapping) {
    return mappings.create(connectionId, mapping);
  }
}
