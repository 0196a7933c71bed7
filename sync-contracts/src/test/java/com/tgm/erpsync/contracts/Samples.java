package com.tgm.erpsync.contracts;

import com.tgm.erpsync.contracts.change.ChangeOperation;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.contracts.command.DeleteRecord;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.command.FetchRecord;
import com.tgm.erpsync.contracts.command.RecordWrite;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.command.UpsertRecord;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.event.SyncEvent;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.result.ExtractFailed;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.result.RecordFetched;
import com.tgm.erpsync.contracts.result.WriteOperation;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic messages of a production SAP S/4HANA connection syncing equipment (UNIT). */
final class Samples {

  static final long CONNECTION_ID = 1;
  static final long JOB_ID = 123;
  static final long MAPPING_ID = 7;
  static final String EQUIPMENT = "Equipment";
  static final Map<String, String> EQUIPMENT_KEY = Map.of("Equipment", "10000045");
  static final String ETAG = "W/\"datetimeoffset'2024-01-15T09%3A12%3A44.1234560Z'\"";

  private Samples() {}

  static MessageMeta meta() {
    return new MessageMeta(
        MessageMeta.CURRENT_SCHEMA_VERSION,
        "6f1c1a9e-2b7d-4d5e-9a63-0c2f4e8b1d77",
        "123",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "tgm=00f067aa0ba902b7",
        Instant.parse("2024-01-15T10:30:00.123456Z"));
  }

  static Map<String, Object> equipmentValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("EquipmentName", "Centrifugal pump P-101");
    values.put("SerialNumber", "SN-88213");
    values.put("ManufacturerName", "KSB");
    values.put("ConstructionYear", 2019);
    values.put("GrossWeight", 412.5);
    values.put("EquipmentIsActive", true);
    values.put("TechnicalObjectSortField", null);
    values.put("Classification", Map.of("Class", "PUMP", "Characteristics", List.of("FLOW_RATE")));
    return values;
  }

  static RecordWrite updateWrite() {
    return new RecordWrite(456L, EQUIPMENT_KEY, ETAG, equipmentValues(), "123:UNIT:456:7f3a9c21");
  }

  static RecordWrite createWrite() {
    return new RecordWrite(
        789L,
        null,
        null,
        Map.of("EquipmentName", "Air compressor C-7", "SerialNumber", "AC-2231-7"),
        "123:UNIT:789:e01b44d0");
  }

  static ErpRecord erpRecord() {
    return new ErpRecord(
        EQUIPMENT_KEY, ETAG, Instant.parse("2024-01-15T09:12:44.123456Z"), equipmentValues());
  }

  static ExtractPage extractPage() {
    return new ExtractPage(
        meta(),
        CONNECTION_ID,
        JOB_ID,
        MAPPING_ID,
        3,
        EQUIPMENT,
        "$skiptoken=100",
        100,
        Instant.parse("2024-01-15T09:00:00Z"),
        "LastChangeDateTime",
        "MaintenancePlant eq '1010'");
  }

  static FetchRecord fetchRecord() {
    return new FetchRecord(meta(), CONNECTION_ID, JOB_ID, MAPPING_ID, EQUIPMENT, EQUIPMENT_KEY);
  }

  static UpsertRecord upsertRecord() {
    return new UpsertRecord(meta(), CONNECTION_ID, JOB_ID, MAPPING_ID, EQUIPMENT, updateWrite());
  }

  static UpsertRecords upsertRecords() {
    return new UpsertRecords(
        meta(),
        CONNECTION_ID,
        JOB_ID,
        MAPPING_ID,
        EQUIPMENT,
        List.of(updateWrite(), createWrite()));
  }

  static DeleteRecord deleteRecord() {
    return new DeleteRecord(
        meta(),
        CONNECTION_ID,
        JOB_ID,
        MAPPING_ID,
        EQUIPMENT,
        456L,
        EQUIPMENT_KEY,
        ETAG,
        "123:UNIT:456:delete");
  }

  static TestConnection testConnection() {
    return new TestConnection(meta(), CONNECTION_ID);
  }

  static PageExtracted pageExtracted() {
    return new PageExtracted(
        meta(),
        CONNECTION_ID,
        JOB_ID,
        MAPPING_ID,
        "$skiptoken=100",
        "$skiptoken=200",
        1500L,
        List.of(
            erpRecord(),
            new ErpRecord(
                Map.of("Equipment", "10000046"),
                null,
                Instant.parse("2024-01-14T22:01:09Z"),
                Map.of("EquipmentName", "Conveyor belt B-3"))));
  }

  static ExtractFailed extractFailed() {
    return new ExtractFailed(
        meta(),
        CONNECTION_ID,
        JOB_ID,
        MAPPING_ID,
        "$skiptoken=200",
        ErrorCode.RATE_LIMITED,
        "HTTP 429 Too Many Requests after 3 retries (Retry-After: 30)",
        true,
        null);
  }

  static RecordFetched recordFetched() {
    return new RecordFetched(meta(), CONNECTION_ID, JOB_ID, MAPPING_ID, erpRecord());
  }

  static RecordApplied recordApplied() {
    return new RecordApplied(
        meta(),
        CONNECTION_ID,
        JOB_ID,
        MAPPING_ID,
        456L,
        EQUIPMENT_KEY,
        "W/\"datetimeoffset'2024-01-15T10%3A30%3A01.0000000Z'\"",
        WriteOperation.UPDATED,
        "123:UNIT:456:7f3a9c21");
  }

  static RecordFailed recordFailed() {
    return new RecordFailed(
        meta(),
        CONNECTION_ID,
        JOB_ID,
        MAPPING_ID,
        789L,
        null,
        "123:UNIT:789:e01b44d0",
        ErrorCode.VALIDATION_ERROR,
        "Required field 'SerialNumber' is missing",
        false,
        "IE/012");
  }

  static ConnectionTested connectionTested() {
    return new ConnectionTested(
        meta(),
        CONNECTION_ID,
        ErpType.SAP_S4HANA,
        true,
        "Successfully connected to SAP S/4HANA",
        null,
        Instant.parse("2024-01-15T10:30:00.412Z"),
        184);
  }

  static ConnectionTested unknownConnectionTested() {
    return new ConnectionTested(
        meta(),
        42,
        null,
        false,
        "Connection 42 is unknown to connector-sap",
        ErrorCode.CONNECTION_UNKNOWN,
        Instant.parse("2024-01-15T10:30:00.412Z"),
        0);
  }

  static EncryptedSecret secret(String ciphertext) {
    return new EncryptedSecret(
        "kms-2024-01", EncryptedSecret.ALGORITHM, "q83vEjRWeJCrzN7v", ciphertext);
  }

  static ConnectionSnapshot connectionSnapshot() {
    return new ConnectionSnapshot(
        meta(),
        CONNECTION_ID,
        "Production SAP",
        "Main SAP S/4HANA system",
        ErpType.SAP_S4HANA,
        AuthType.OAUTH2,
        "https://my-sap-system.example.com/sap/opu/odata4/sap",
        true,
        true,
        SyncDirection.BIDIRECTIONAL,
        60,
        true,
        "your-client-id",
        null,
        "100",
        "PRD",
        "00",
        "EN",
        null,
        null,
        null,
        null,
        null,
        Map.of("oauthTokenUrl", "https://my-sap-system.example.com/sap/bc/sec/oauth2/token"),
        Map.of(
            ConnectionSnapshot.CLIENT_SECRET, secret("u7Kx2Qm9ZbV4LrT0pW1s8dE3nH6yJcFa"),
            ConnectionSnapshot.WEBHOOK_SECRET, secret("R2d4fG7hJ9kL1zX3cV5bN8mQ0wE6tY2u")),
        3,
        30,
        100,
        60,
        4,
        5,
        Instant.parse("2024-01-15T08:00:00Z"));
  }

  static FieldMappingSpec nameMapping() {
    return new FieldMappingSpec(
        "name",
        "EquipmentName",
        FieldType.STRING,
        SyncDirection.BIDIRECTIONAL,
        true,
        false,
        null,
        null,
        null,
        null);
  }

  static FieldMappingSpec serialNumberMapping() {
    return new FieldMappingSpec(
        "serialNumber",
        "SerialNumber",
        FieldType.STRING,
        SyncDirection.INBOUND,
        false,
        true,
        null,
        null,
        null,
        null);
  }

  static MappingSnapshot mappingSnapshot() {
    return new MappingSnapshot(
        meta(),
        MAPPING_ID,
        CONNECTION_ID,
        EntityType.UNIT,
        EQUIPMENT,
        true,
        SyncDirection.BIDIRECTIONAL,
        ConflictResolution.ERP_WINS,
        100,
        "LastChangeDateTime",
        "MaintenancePlant eq '1010'",
        List.of(
            nameMapping(),
            serialNumberMapping(),
            new FieldMappingSpec(
                "status",
                "EquipmentIsActive",
                FieldType.ENUM,
                SyncDirection.BIDIRECTIONAL,
                false,
                false,
                Map.of("ACTIVE", "true", "RETIRED", "false"),
                "ACTIVE",
                null,
                null),
            new FieldMappingSpec(
                "installedAt",
                "StartupDate",
                FieldType.DATE,
                SyncDirection.INBOUND,
                false,
                false,
                null,
                null,
                "yyyy-MM-dd",
                null),
            new FieldMappingSpec(
                "locationId",
                "MaintenancePlant",
                FieldType.REFERENCE,
                SyncDirection.INBOUND,
                false,
                false,
                null,
                null,
                null,
                EntityType.LOCATION)),
        4,
        Instant.parse("2024-01-15T08:05:00Z"));
  }

  static TgmRecordChanged tgmRecordChanged() {
    return new TgmRecordChanged(
        meta(),
        EntityType.UNIT,
        456,
        ChangeOperation.UPDATE,
        Map.of("id", 456, "name", "Centrifugal pump P-101", "serialNumber", "SN-88213"),
        List.of("name"),
        Instant.parse("2024-01-15T10:29:59.870Z"),
        918273L,
        "0/16B3748",
        null);
  }

  static TgmRecordChanged echoedTgmRecordChanged() {
    return new TgmRecordChanged(
        meta(),
        EntityType.WORK_ORDER,
        9001,
        ChangeOperation.CREATE,
        Map.of("id", 9001, "title", "Replace mechanical seal", "unitId", 456),
        List.of(),
        Instant.parse("2024-01-15T10:31:02Z"),
        918301L,
        "0/16B39F0",
        CONNECTION_ID);
  }

  static ErpChangeNotification erpChangeNotification() {
    return new ErpChangeNotification(
        meta(),
        CONNECTION_ID,
        ErpType.SAP_S4HANA,
        EQUIPMENT,
        EQUIPMENT_KEY,
        ErpChangeType.UPDATED,
        null,
        null,
        "b1946ac9-2f0e-4f8a-93c5-0c8e6f4d2a11",
        "/default/sap.s4/PRD",
        Instant.parse("2024-01-15T10:28:41Z"),
        Instant.parse("2024-01-15T10:28:42.051Z"));
  }

  static ErpChangeNotification businessCentralCollection() {
    return new ErpChangeNotification(
        meta(),
        2,
        ErpType.DYNAMICS_365_BC,
        "items",
        null,
        ErpChangeType.COLLECTION,
        null,
        "lastModifiedDateTime gt 2024-01-15T10:00:00Z",
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        "companies(9b2c1a4e-4f1d-ee11-9cbf-000d3a2b7c11)/items",
        Instant.parse("2024-01-15T10:28:00Z"),
        Instant.parse("2024-01-15T10:28:03Z"));
  }

  static SyncEvent jobCompleted() {
    return new SyncEvent(
        "1.0",
        "3c5e8f1a-77a2-4b0e-8d4f-6a1b2c3d4e5f",
        "/tgm-erp-sync/sync-orchestrator",
        SyncEventTypes.JOB_COMPLETED,
        "connections/1/sync-jobs/123",
        Instant.parse("2024-01-15T10:45:30Z"),
        "application/json",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "123",
        1,
        Map.of(
            "jobId", 123,
            "connectionId", 1,
            "jobType", "FULL",
            "status", "COMPLETED",
            "successCount", 1485,
            "errorCount", 15));
  }

  static List<Object> everyMessage() {
    return List.of(
        extractPage(),
        fetchRecord(),
        upsertRecord(),
        upsertRecords(),
        deleteRecord(),
        testConnection(),
        pageExtracted(),
        extractFailed(),
        recordFetched(),
        recordApplied(),
        recordFailed(),
        connectionTested(),
        unknownConnectionTested(),
        connectionSnapshot(),
        mappingSnapshot(),
        tgmRecordChanged(),
        echoedTgmRecordChanged(),
        erpChangeNotification(),
        businessCentralCollection(),
        jobCompleted());
  }

  static List<Record> everyValueRecord() {
    return List.of(
        meta(),
        new TopicSpec(
            Topics.COMMANDS_SAP, 6, false, "connectionId (decimal string)", "ConnectorCommand"),
        updateWrite(),
        createWrite(),
        erpRecord(),
        secret("u7Kx2Qm9ZbV4LrT0pW1s8dE3nH6yJcFa"),
        nameMapping(),
        serialNumberMapping(),
        TgmFieldCatalogue.field(EntityType.UNIT, "status").orElseThrow(),
        TgmFieldCatalogue.field(EntityType.UNIT, "locationId").orElseThrow());
  }
}
