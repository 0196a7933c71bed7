package com.tgm.erpsync.connection.edge;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * mapping-service's admin API, at the guide's paths. Answers come back as they are (the default
 * exception mapper is off for this client): {@link MappingService} relays them.
 */
@RegisterRestClient(configKey = MappingService.NAME)
@RegisterClientHeaders(ForwardedHeaders.class)
@Path("/api/admin/erp")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
@Consumes(MediaType.APPLICATION_JSON)
public interface MappingServiceClient {

  @GET
  @Path("/connections/{id}/mappings")
  Response listMappings(@PathParam("id") long connectionId);

  @POST
  @Path("/connections/{id}/mappings")
  Response createMapping(@PathParam("id") long connectionId, JsonNode mapping);

  @GET
  @Path("/mappings/{id}")
  Response getMapping(@PathParam("id") long mappingId);

  @PUT
  @Path("/mappings/{id}")
  Response updateMapping(@PathParam("id") long mappingId, JsonNode mapping);

  @DELETE
  @Path("/mappings/{id}")
  Response deleteMapping(@PathParam("id") long mappingId);

  @POST
  @Path("/mappings/{id}/preview")
  Response previewMapping(@PathParam("id") long mappingId, JsonNode sample);
}
