package com.tgm.erpsync.mapping.rest;

import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.mapping.service.MappingDefinition;
import com.tgm.erpsync.mapping.service.MappingPreviewer;
import com.tgm.erpsync.mapping.service.MappingService;
import com.tgm.erpsync.mapping.service.StoredMapping;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The guide's entity mapping endpoints, at its paths (connection-service relays them unchanged).
 * Every write is validated whole and published to erp.mappings.
 *
 * <p>{@code POST /mappings/{id}/preview} runs a mapping on a sample record and writes nothing.
 */
@Path("/api/admin/erp")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Entity Mappings")
public class MappingResource {
  static final String MAPPINGS = "/api/admin/erp/mappings";

  private final MappingService mappings;
  private final MappingPreviewer previewer;

  public MappingResource(MappingService mappings, MappingPreviewer previewer) {
    this.mappings = mappings;
    this.previewer = previewer;
  }

  @GET
  @Path("/connections/{id}/mappings")
  @Operation(summary = "List entity mappings")
  @APIResponse(responseCode = "200", description = "The connection's mappings, oldest first")
  @APIResponse(responseCode = "404", description = "No such connection")
  public List<MappingResponse> list(@PathParam("id") long connectionId) {
    return mappings.list(connectionId).stream().map(MappingResource::view).toList();
  }

  @POST
  @Path("/connections/{id}/mappings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create mapping")
  @APIResponse(responseCode = "201", description = "Created; Location names the new mapping")
  @APIResponse(responseCode = "400", description = "Invalid: every problem named by its field")
  @APIResponse(responseCode = "404", description = "No such connection")
  @APIResponse(responseCode = "409", description = "The connection already maps this entity")
  public Response create(@PathParam("id") long connectionId, MappingRequest request, UriInfo uri) {
    StoredMapping created = mappings.create(connectionId, request);
    mappings.awaitPublished(created.id());
    return Response.created(uri.getBaseUriBuilder().path(MAPPINGS).path("{id}").build(created.id()))
        .entity(view(created))
        .build();
  }

  @GET
  @Path("/mappings/{id}")
  @Operation(summary = "Get mapping details")
  @APIResponse(responseCode = "200", description = "The mapping with its field mappings")
  @APIResponse(responseCode = "404", description = "No such mapping")
  public MappingResponse get(@PathParam("id") long mappingId) {
    return view(mappings.get(mappingId));
  }

  @PUT
  @Path("/mappings/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Update mapping",
      description =
          "Fields left out keep their value; fieldMappings, when given, replaces the whole list."
              + " The result is validated whole. A change makes a new version; an update that"
              + " changes nothing makes none.")
  @APIResponse(responseCode = "200", description = "The mapping as it is now")
  @APIResponse(responseCode = "400", description = "Invalid: every problem named by its field")
  @APIResponse(responseCode = "404", description = "No such mapping")
  @APIResponse(responseCode = "409", description = "The connection already maps that entity")
  public MappingResponse update(@PathParam("id") long mappingId, MappingRequest request) {
    StoredMapping updated = mappings.update(mappingId, request);
    mappings.awaitPublished(mappingId);
    return view(updated);
  }

  @DELETE
  @Path("/mappings/{id}")
  @Operation(summary = "Delete mapping")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such mapping")
  public Response delete(@PathParam("id") long mappingId) {
    mappings.delete(mappingId);
    mappings.awaitPublished(mappingId);
    return Response.noContent().build();
  }

  @POST
  @Path("/mappings/{id}/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Preview a mapping on a sample record",
      description =
          "Maps a sample ERP record to TGM (INBOUND) or a TGM record to the ERP (OUTBOUND) with"
              + " the mapping as it is now, the way a sync would, and answers with the mapped"
              + " record, its ERP key and hash, and every field that failed. Nothing is written."
              + " REFERENCE fields are listed as unresolvedReferences: a sync translates them"
              + " through its ledger of linked records.")
  @APIResponse(responseCode = "200", description = "The mapped record and every failed field")
  @APIResponse(responseCode = "400", description = "No sample record, or a wrong direction")
  @APIResponse(responseCode = "404", description = "No such mapping")
  public PreviewResponse preview(@PathParam("id") long mappingId, PreviewRequest request) {
    return previewer.preview(mappingId, request);
  }

  static MappingResponse view(StoredMapping mapping) {
    MappingDefinition d = mapping.definition();
    return new MappingResponse(
        mapping.id(),
        mapping.connectionId(),
        d.tgmEntityType().name(),
        d.erpEntityName(),
        d.syncEnabled(),
        d.syncDirection().name(),
        d.conflictResolution().name(),
        d.batchSize(),
        d.deltaField(),
        d.filter(),
        d.fieldMappings().stream().map(MappingResource::view).toList(),
        mapping.version(),
        utc(mapping.createdAt()),
        utc(mapping.updatedAt()));
  }

  private static FieldMappingResponse view(FieldMappingSpec spec) {
    return new FieldMappingResponse(
        spec.tgmField(),
        spec.erpField(),
        name(spec.fieldType()),
        name(spec.syncDirection()),
        spec.required(),
        spec.keyField(),
        spec.valueMap(),
        spec.defaultValue(),
        spec.format(),
        name(spec.referenceEntity()));
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  /** The guide shows times as UTC local date-times to the second: 2024-01-15T10:30:00. */
  private static LocalDateTime utc(Instant instant) {
    return instant == null
        ? null
        : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
  }
}
