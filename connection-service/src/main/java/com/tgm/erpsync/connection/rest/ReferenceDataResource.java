package com.tgm.erpsync.connection.rest;

import com.tgm.erpsync.connection.service.ErpTypeCatalogue;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.TgmField;
import com.tgm.erpsync.contracts.TgmFieldCatalogue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The guide's reference data: which ERPs can be connected and which TGM entities synced. */
@Path("/api/admin/erp")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${tgm.admin.role}")
@Tag(name = "Reference data")
public class ReferenceDataResource {

  /** One connectable ERP system. */
  @Schema(
      example =
          """
          {"erpType": "SAP_S4HANA", "name": "SAP S/4HANA",
           "description": "Latest SAP ERP suite", "vendor": "SAP",
           "authTypes": ["OAUTH2", "BASIC"],
           "erpSpecificFields": ["sapClient", "sapSystemId", "sapInstanceNumber",
             "sapLanguage", "connectionSettings.oauthTokenUrl"]}\
          """)
  public record SupportedErpType(
      ErpType erpType,
      String name,
      String description,
      String vendor,
      List<AuthType> authTypes,
      List<String> erpSpecificFields) {}

  /** One syncable TGM entity with the fields mappings may use. */
  @Schema(
      example =
          """
          {"entityType": "UNIT", "description": "Equipment/Assets",
           "typicalErpMapping": "Equipment, Fixed Asset",
           "fields": [{"name": "serialNumber", "fieldType": "STRING", "required": false,
             "readOnly": false}]}\
          """)
  public record SyncableEntity(
      EntityType entityType, String description, String typicalErpMapping, List<TgmField> fields) {}

  @GET
  @Path("/supported-erp-types")
  @Operation(summary = "List supported ERP types")
  public List<SupportedErpType> supportedErpTypes() {
    return Arrays.stream(ErpType.values())
        .map(
            type ->
                new SupportedErpType(
                    type,
                    type.displayName(),
                    type.description(),
                    type.family().vendor(),
                    type.allowedAuthTypes().stream().sorted().toList(),
                    ErpTypeCatalogue.specificFields(type)))
        .toList();
  }

  @GET
  @Path("/syncable-entities")
  @Operation(summary = "List syncable TGM entities")
  public List<SyncableEntity> syncableEntities() {
    return Arrays.stream(EntityType.values())
        .map(
            entity ->
                new SyncableEntity(
                    entity,
                    entity.description(),
                    entity.typicalErpMapping(),
                    TgmFieldCatalogue.fieldsOf(entity)))
        .toList();
  }
}
