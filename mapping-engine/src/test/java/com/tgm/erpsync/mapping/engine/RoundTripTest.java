package com.tgm.erpsync.mapping.engine;

import static com.tgm.erpsync.mapping.engine.Mappings.json;
import static com.tgm.erpsync.mapping.engine.Mappings.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ERP → TGM → ERP gives back what the ERP sent, for every bidirectional field, on records shaped
 * like those of SAP S/4HANA (OData V2), Dynamics 365 Business Central (OData V4), Oracle Fusion
 * (REST) and NetSuite (REST, date preferences).
 */
class RoundTripTest {
  private static final SyncDirection BI = SyncDirection.BIDIRECTIONAL;
  private static final SyncDirection IN = SyncDirection.INBOUND;

  private static final InMemoryReferenceResolver LINKS =
      new InMemoryReferenceResolver()
          .link(Mappings.CONNECTION_ID, EntityType.LOCATION, 42, "1010")
          .link(Mappings.CONNECTION_ID, EntityType.COMPANY, 7, "17100001")
          .link(Mappings.CONNECTION_ID, EntityType.UNIT, 456, "300000047")
          .link(
              Mappings.CONNECTION_ID, EntityType.USER, 12, "9b3c1f52-8e0a-4f6e-9d1a-0c2f4e8b1d77");

  @Test
  void sapEquipmentComesBackAsSent() {
    String erp =
        """
        {
          "__metadata": {"etag": "W/\\"datetimeoffset'2024-01-15T10%3A29%3A59.8700000Z'\\""},
          "Equipment": "10000045",
          "ValidityEndDate": "/Date(253402214400000)/",
          "EquipmentName": "Centrifugal pump P-101",
          "ManufacturerName": "KSB",
          "ManufacturerSerialNumber": "SN-88213",
          "ManufacturerPartTypeName": "Etanorm 050-032-200",
          "MaintenancePlant": "1010",
          "Customer": "17100001",
          "StartupDate": "/Date(1492041600000)/",
          "WarrantyEndDate": null,
          "EquipmentIsActive": "X",
          "TechObjIsEquipOrFuncnlLoc": "EAMS_EQUI",
          "GrossWeight": "7.400",
          "ConstructionYear": "2015",
          "LastChangeDateTime": "/Date(1705314599870+0000)/",
          "to_Address": {"CityName": "Walldorf", "PostalCode": "69190"}
        }
        """;
    MappingEngine engine =
        engine(
            EntityType.UNIT,
            spec(
                "sapEquipment",
                "Equipment",
                FieldType.STRING,
                IN,
                false,
                true,
                null,
                null,
                null,
                null),
            spec(
                "validTo",
                "ValidityEndDate",
                FieldType.DATE,
                IN,
                false,
                true,
                null,
                null,
                "ODATA_V2",
                null),
            spec(
                "name", "EquipmentName", FieldType.STRING, BI, true, false, null, null, null, null),
            spec(
                "manufacturer",
                "ManufacturerName",
                FieldType.STRING,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec(
                "serialNumber",
                "ManufacturerSerialNumber",
                FieldType.STRING,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec(
                "model",
                "ManufacturerPartTypeName",
                FieldType.STRING,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec(
                "locationId",
                "MaintenancePlant",
                FieldType.REFERENCE,
                BI,
                false,
                false,
                null,
                null,
                null,
                EntityType.LOCATION),
            spec(
                "companyId",
                "Customer",
                FieldType.REFERENCE,
                BI,
                false,
                false,
                null,
                null,
                null,
                EntityType.COMPANY),
            spec(
                "installDate",
                "StartupDate",
                FieldType.DATE,
                BI,
                false,
                false,
                null,
                null,
                "ODATA_V2",
                null),
            spec(
                "warrantyEndDate",
                "WarrantyEndDate",
                FieldType.DATE,
                BI,
                false,
                false,
                null,
                null,
                "ODATA_V2",
                null),
            spec(
                "active",
                "EquipmentIsActive",
                FieldType.BOOLEAN,
                BI,
                false,
                false,
                null,
                null,
                "SAP",
                null),
            spec(
                "weight",
                "GrossWeight",
                FieldType.DECIMAL,
                BI,
                false,
                false,
                null,
                null,
                "ODATA_V2",
                null),
            spec(
                "constructionYear",
                "ConstructionYear",
                FieldType.INTEGER,
                BI,
                false,
                false,
                null,
                null,
                "STRING",
                null),
            spec(
                "updatedAt",
                "LastChangeDateTime",
                FieldType.DATETIME,
                IN,
                false,
                false,
                null,
                null,
                "ODATA_V2",
                null),
            spec(
                "city",
                "to_Address.CityName",
                FieldType.STRING,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec(
                "postalCode",
                "to_Address.PostalCode",
                FieldType.STRING,
                BI,
                false,
                false,
                null,
                null,
                null,
                null));

    MappingResult tgm = engine.toTgm(json(erp));

    assertThat(tgm.problems()).isEmpty();
    assertThat(tgm.record())
        .isEqualTo(
            json(
                """
                {"sapEquipment":"10000045","validTo":"9999-12-31","name":"Centrifugal pump P-101",
                 "manufacturer":"KSB","serialNumber":"SN-88213","model":"Etanorm 050-032-200",
                 "locationId":42,"companyId":7,"installDate":"2017-04-13","warrantyEndDate":null,
                 "active":true,"weight":7.400,"constructionYear":2015,
                 "updatedAt":"2024-01-15T10:29:59.870Z","city":"Walldorf","postalCode":"69190"}
                """));
    assertComesBack(engine, erp, tgm.record());
  }

  @Test
  void businessCentralItemComesBackAsSent() {
    String erp =
        """
        {
          "@odata.etag": "W/\\"JzQ0O0pEaz0xOzAwOyc=\\"",
          "id": "5d115c9c-44e3-ea11-bb43-000d3a2feca1",
          "number": "1896-S",
          "displayName": "ATHENS Desk",
          "type": "Inventory",
          "blocked": false,
          "unitPrice": 1000.8,
          "unitCost": 780.7,
          "inventory": 4,
          "baseUnitOfMeasureCode": "PCS",
          "lastModifiedDateTime": "2024-01-15T10:29:59.87Z",
          "itemCategoryCode": "TABLE"
        }
        """;
    MappingEngine engine =
        engine(
            EntityType.INVENTORY,
            spec("sku", "number", FieldType.STRING, BI, true, true, null, null, null, null),
            spec("name", "displayName", FieldType.STRING, BI, false, false, null, null, null, null),
            spec(
                "unitCost",
                "unitCost",
                FieldType.DECIMAL,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec("price", "unitPrice", FieldType.DECIMAL, BI, false, false, null, null, null, null),
            spec(
                "quantityOnHand",
                "inventory",
                FieldType.DECIMAL,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec(
                "unitOfMeasure",
                "baseUnitOfMeasureCode",
                FieldType.STRING,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec("blocked", "blocked", FieldType.BOOLEAN, BI, false, false, null, null, null, null),
            spec(
                "kind",
                "type",
                FieldType.ENUM,
                BI,
                false,
                false,
                Map.of("STOCK", "Inventory", "SERVICE", "Service", "OTHER", "Non-Inventory"),
                null,
                null,
                null),
            spec(
                "updatedAt",
                "lastModifiedDateTime",
                FieldType.DATETIME,
                IN,
                false,
                false,
                null,
                null,
                null,
                null));

    MappingResult tgm = engine.toTgm(json(erp));

    assertThat(tgm.problems()).isEmpty();
    assertThat(tgm.record().get("kind").textValue()).isEqualTo("STOCK");
    assertThat(tgm.record().get("updatedAt").textValue()).isEqualTo("2024-01-15T10:29:59.870Z");
    assertComesBack(engine, erp, tgm.record());
  }

  @Test
  void dynamicsFinanceAndOperationsAssetComesBackAsSent() {
    String erp =
        """
        {
          "@odata.etag": "W/\\"JzIwODMyNDgyNjEsNjg3MTk0NzY3MzYn\\"",
          "dataAreaId": "usmf",
          "AssetId": "PUMP-0001",
          "Name": "Feed water pump",
          "ActiveFrom": "2017-04-13T12:00:00Z",
          "AssetType": "Pump",
          "Priority": 2,
          "IsCritical": "Yes",
          "Specifications": {"ratedPowerKw": 7.5, "stages": [1, 2]}
        }
        """;
    MappingEngine engine =
        engine(
            EntityType.UNIT,
            spec(
                "serialNumber",
                "AssetId",
                FieldType.STRING,
                BI,
                true,
                true,
                null,
                null,
                null,
                null),
            spec("name", "Name", FieldType.STRING, BI, false, false, null, null, null, null),
            spec(
                "installDate",
                "ActiveFrom",
                FieldType.DATE,
                BI,
                false,
                false,
                null,
                null,
                "yyyy-MM-dd'T12:00:00Z'",
                null),
            spec(
                "priority",
                "Priority",
                FieldType.ENUM,
                BI,
                false,
                false,
                Map.of("HIGH", "1", "MEDIUM", "2", "LOW", "3"),
                null,
                "NUMBER",
                null),
            spec(
                "critical",
                "IsCritical",
                FieldType.BOOLEAN,
                BI,
                false,
                false,
                null,
                null,
                "YES_NO",
                null),
            spec(
                "specifications",
                "Specifications",
                FieldType.JSON,
                BI,
                false,
                false,
                null,
                null,
                null,
                null));

    MappingResult tgm = engine.toTgm(json(erp));

    assertThat(tgm.problems()).isEmpty();
    assertThat(tgm.record().get("installDate").textValue()).isEqualTo("2017-04-13");
    assertThat(tgm.record().get("priority").textValue()).isEqualTo("MEDIUM");
    assertComesBack(engine, erp, tgm.record());
  }

  @Test
  void oracleFusionWorkOrderComesBackAsSent() {
    String erp =
        """
        {
          "WorkOrderId": 300000047512345,
          "WorkOrderNumber": "WO-1001",
          "WorkOrderDescription": "Replace mechanical seal",
          "WorkOrderStatusCode": "ORA_RELEASED",
          "WorkOrderPriority": 10,
          "AssetId": 300000047,
          "PlannedStartDate": "2024-02-01T08:00:00+00:00",
          "PlannedCompletionDate": "2024-02-01T16:30:00+00:00",
          "ActualCompletionDate": null,
          "EstimatedDuration": 8.50,
          "LastUpdateDate": "2024-01-15T10:29:59.870+00:00"
        }
        """;
    MappingEngine engine =
        engine(
            EntityType.WORK_ORDER,
            spec(
                "number",
                "WorkOrderNumber",
                FieldType.STRING,
                BI,
                true,
                true,
                null,
                null,
                null,
                null),
            spec(
                "title",
                "WorkOrderDescription",
                FieldType.STRING,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec(
                "status",
                "WorkOrderStatusCode",
                FieldType.ENUM,
                BI,
                false,
                false,
                Map.of(
                    "OPEN",
                    "ORA_UNRELEASED",
                    "SCHEDULED",
                    "ORA_RELEASED",
                    "IN_PROGRESS",
                    "ORA_IN_PROCESS",
                    "COMPLETED",
                    "ORA_COMPLETED"),
                null,
                null,
                null),
            spec(
                "priorityScore",
                "WorkOrderPriority",
                FieldType.INTEGER,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec(
                "unitId",
                "AssetId",
                FieldType.REFERENCE,
                BI,
                false,
                false,
                null,
                null,
                "NUMBER",
                EntityType.UNIT),
            spec(
                "scheduledStart",
                "PlannedStartDate",
                FieldType.DATETIME,
                BI,
                false,
                false,
                null,
                null,
                "yyyy-MM-dd'T'HH:mm:ssxxx",
                null),
            spec(
                "scheduledEnd",
                "PlannedCompletionDate",
                FieldType.DATETIME,
                BI,
                false,
                false,
                null,
                null,
                "yyyy-MM-dd'T'HH:mm:ssxxx",
                null),
            spec(
                "completedAt",
                "ActualCompletionDate",
                FieldType.DATETIME,
                BI,
                false,
                false,
                null,
                null,
                "yyyy-MM-dd'T'HH:mm:ssxxx",
                null),
            spec(
                "estimatedHours",
                "EstimatedDuration",
                FieldType.DECIMAL,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec(
                "updatedAt",
                "LastUpdateDate",
                FieldType.DATETIME,
                IN,
                false,
                false,
                null,
                null,
                null,
                null));

    MappingResult tgm = engine.toTgm(json(erp));

    assertThat(tgm.problems()).isEmpty();
    assertThat(tgm.record().get("unitId").longValue()).isEqualTo(456);
    assertThat(tgm.record().get("scheduledStart").textValue()).isEqualTo("2024-02-01T08:00:00Z");
    assertThat(tgm.record().get("estimatedHours").toString()).isEqualTo("8.50");
    assertComesBack(engine, erp, tgm.record());
  }

  @Test
  void netSuiteEmployeeWithDatePreferencesComesBackAsSent() {
    String erp =
        """
        {
          "id": "1234",
          "entityId": "jdoe",
          "firstName": "Jane",
          "lastName": "Doe",
          "email": "jane.doe@example.com",
          "isInactive": false,
          "hireDate": "4/3/2017",
          "lastModifiedDate": "1/15/2024 10:29 AM",
          "supervisor": {"id": "9b3c1f52-8e0a-4f6e-9d1a-0c2f4e8b1d77"}
        }
        """;
    MappingEngine engine =
        engine(
            EntityType.USER,
            spec("username", "entityId", FieldType.STRING, BI, true, true, null, null, null, null),
            spec(
                "firstName",
                "firstName",
                FieldType.STRING,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec(
                "lastName", "lastName", FieldType.STRING, BI, false, false, null, null, null, null),
            spec("email", "email", FieldType.STRING, BI, false, false, null, null, null, null),
            spec(
                "inactive",
                "isInactive",
                FieldType.BOOLEAN,
                BI,
                false,
                false,
                null,
                null,
                null,
                null),
            spec(
                "hireDate",
                "hireDate",
                FieldType.DATE,
                BI,
                false,
                false,
                null,
                null,
                "M/d/yyyy",
                null),
            spec(
                "lastModified",
                "lastModifiedDate",
                FieldType.DATETIME,
                BI,
                false,
                false,
                null,
                null,
                "M/d/yyyy h:mm a@America/Los_Angeles",
                null),
            spec(
                "managerId",
                "supervisor.id",
                FieldType.REFERENCE,
                BI,
                false,
                false,
                null,
                null,
                null,
                EntityType.USER));

    MappingResult tgm = engine.toTgm(json(erp));

    assertThat(tgm.problems()).isEmpty();
    assertThat(tgm.record().get("hireDate").textValue()).isEqualTo("2017-04-03");
    assertThat(tgm.record().get("lastModified").textValue()).isEqualTo("2024-01-15T18:29:00Z");
    assertThat(tgm.record().get("managerId").longValue()).isEqualTo(12);
    assertComesBack(engine, erp, tgm.record());
  }

  @Test
  void theComparisonSeesScaleKeysAndValues() {
    assertThat(Json.sameJson(json("{\"a\":7.40}"), json("{\"a\":7.4}"))).isFalse();
    assertThat(Json.sameJson(json("{\"a\":\"7.4\"}"), json("{\"a\":7.4}"))).isFalse();
    assertThat(Json.sameJson(json("{\"a\":{\"b\":1}}"), json("{\"a\":{\"c\":1}}"))).isFalse();
    assertThat(Json.sameJson(json("{\"a\":1,\"b\":2}"), json("{\"b\":2,\"a\":1}"))).isTrue();
  }

  private static MappingEngine engine(EntityType entity, FieldMappingSpec... fields) {
    return MappingEngine.compile(Mappings.mapping(entity, fields), LINKS);
  }

  /** toErp(tgm) equals the ERP record cut down to the mapping's bidirectional fields. */
  private static void assertComesBack(MappingEngine engine, String erp, ObjectNode tgm) {
    MappingResult back = engine.toErp(tgm);
    assertThat(back.problems()).isEmpty();
    ObjectNode original = json(erp);
    ObjectNode expected = json("{}");
    for (FieldMappingSpec spec : engine.mapping().fieldMappings()) {
      if (spec.syncDirection() == SyncDirection.BIDIRECTIONAL) {
        copy(original, expected, spec.erpField());
      }
    }
    assertThat(back.record().toString()).isNotBlank();
    assertThat(Json.sameJson(back.record(), expected))
        .as("%s%nequals%n%s", back.record(), expected)
        .isTrue();
  }

  private static void copy(ObjectNode from, ObjectNode to, String path) {
    String[] segments = path.split("\\.");
    JsonNode source = from;
    ObjectNode target = to;
    for (int i = 0; i < segments.length - 1; i++) {
      source = source.get(segments[i]);
      target =
          target.has(segments[i])
              ? (ObjectNode) target.get(segments[i])
              : target.putObject(segments[i]);
    }
    target.set(segments[segments.length - 1], source.get(segments[segments.length - 1]));
  }
}
