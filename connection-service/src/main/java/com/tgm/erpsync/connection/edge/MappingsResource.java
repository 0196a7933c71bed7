package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.connection.audit.AuditAction;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The guide's endpoints of one mapping, relayed to mapping-service. */
@Path("/api/admin/erp/mappings")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Entity Mappings")
public class MappingsResource {
  private final MappingService mappings;

  public MappingsResource(MappingService mappings) {
    this.mappings = mappings;
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Get mapping details", description = EdgeDocs.RELAYED_TO_MAPPING_SERVICE)
  public Response get(@PathParam("id") long mappingId) {
    return mappings.get(mappingId);
  }

  @PUT
  @Path("/{id}")
  @AuditAction("mapping.update")
  @Operation(summary = "Update mapping", description = EdgeDocs.RELAYED_TO_MAPPING_SERVICE)
  public Response update(@PathParam("id") long mappingId, JsonNode mapping) {
    return mappings.update(mappingId, mapping);
  }

  @DELETE
  @Path("/{id}")
  @AuditAction("mapping.delete")
  @Operation(summary = "Delete mapping", description = EdgeDocs.RELAYED_TO_MAPPING_SERVICE)
  public Response delete(@PathParam("id") long mappingId) {
    return mappings.delete(mappingId);
  }

  /** Writes nothing, yet is audited like every POST: who tried which sample on which mapping. */
  @POST
  @Path("/{id}/preview")
  @AuditAction("mapping.preview")
  @Operation(
      summary = "Preview a mapping on a sample record",
      description = EdgeDocs.RELAYED_TO_MAPPING_SERVICE)
  public Response preview(@PathParam("id") long mappingId, JsonNode sample) {
    return mappings.preview(mappingId, sample);
  }
}
