package com.tgm.erpsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.event.SyncEvent;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A consumer deployed before its producer must read what the newer producer writes. */
class UnknownFieldToleranceTest {

  /** Deliberately without @JsonIgnoreProperties: shows the mapper itself is strict. */
  record Unannotated(String name) {}

  @Test
  void mapperUnderTestRejectsUnknownFieldsOnItsOwn() {
    assertThat(Json.MAPPER.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isTrue();
    assertThatThrownBy(
            () -> Json.MAPPER.readValue("{\"name\":\"x\",\"extra\":1}", Unannotated.class))
        .isInstanceOf(UnrecognizedPropertyException.class);
  }

  static Stream<Named<Object>> messages() {
    return Stream.concat(Samples.everyMessage().stream(), Samples.everyValueRecord().stream())
        .map(message -> Named.of(message.getClass().getSimpleName(), message));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void everyTypeIgnoresFieldsAddedByANewerProducer(Object message) {
    ObjectNode json = (ObjectNode) Json.tree(Json.write(message));
    json.put("addedInVersion2", "ignored").putObject("nestedAddition").put("depth", 2);
    if (json.get("meta") instanceof ObjectNode meta) {
      meta.put("tenantId", "acme");
    }

    Class<?> type = message.getClass();
    assertThat(Json.read(json.toString(), type)).isEqualTo(message);
  }

  @Test
  void pageFromANewerConnectorReadsWithExtraFieldsAtEveryLevel() {
    String json =
        """
        {
          "type": "PageExtracted",
          "meta": {
            "schemaVersion": 1,
            "messageId": "0b9e7f52-6a31-4c8e-b2d4-1f0a9c3e5d77",
            "correlationId": "123",
            "traceparent": null,
            "tracestate": null,
            "occurredAt": "2024-01-15T10:30:00Z",
            "producer": "connector-sap 2.4.0",
            "tenantId": "acme"
          },
          "connectionId": 1,
          "jobId": 123,
          "mappingId": 7,
          "cursor": null,
          "nextCursor": null,
          "totalCount": 1,
          "compression": "none",
          "records": [
            {
              "key": {"Equipment": "10000045"},
              "etag": "W/\\"1\\"",
              "modifiedAt": "2024-01-15T09:12:44Z",
              "values": {"EquipmentName": "Centrifugal pump P-101"},
              "sourceSystem": "PRD/100",
              "deleted": false
            }
          ]
        }
        """;

    PageExtracted page = (PageExtracted) Json.read(json, ConnectorResult.class);

    assertThat(page.meta().messageId()).isEqualTo("0b9e7f52-6a31-4c8e-b2d4-1f0a9c3e5d77");
    assertThat(page.nextCursor()).isNull();
    assertThat(page.records())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).containsEntry("Equipment", "10000045");
              assertThat(record.values()).containsEntry("EquipmentName", "Centrifugal pump P-101");
            });
  }

  @Test
  void mappingFromANewerMappingServiceReadsWithExtraFieldMappingAttributes() {
    String json =
        """
        {
          "type": "MappingSnapshot",
          "meta": {"schemaVersion": 1, "messageId": "m-1", "occurredAt": "2024-01-15T08:05:00Z",
                   "origin": "mapping-service"},
          "id": 7,
          "connectionId": 1,
          "tgmEntityType": "UNIT",
          "erpEntityName": "Equipment",
          "syncEnabled": true,
          "syncDirection": "BIDIRECTIONAL",
          "conflictResolution": "ERP_WINS",
          "batchSize": 100,
          "fieldMappings": [
            {"tgmField": "serialNumber", "erpField": "SerialNumber", "fieldType": "STRING",
             "syncDirection": "INBOUND", "isKeyField": true,
             "transformScript": "trim(value)", "validation": {"maxLength": 18}}
          ],
          "version": 4,
          "updatedAt": "2024-01-15T08:05:00Z",
          "approvedBy": "integration-admin"
        }
        """;

    MappingSnapshot mapping = Json.read(json, MappingSnapshot.class);

    assertThat(mapping.fieldMappings())
        .singleElement()
        .satisfies(field -> assertThat(field.keyField()).isTrue());
    assertThat(mapping.version()).isEqualTo(4);
  }

  @Test
  void connectionFromANewerConnectionServiceReadsWithExtraSecretAttributes() {
    String json =
        """
        {
          "type": "ConnectionSnapshot",
          "meta": {"schemaVersion": 1, "messageId": "c-1", "occurredAt": "2024-01-15T08:00:00Z"},
          "id": 1,
          "name": "Production SAP",
          "erpType": "SAP_S4HANA",
          "authType": "OAUTH2",
          "enabled": true,
          "secrets": {
            "clientSecret": {"keyId": "kms-2024-01", "algorithm": "AES-256-GCM",
                             "iv": "q83vEjRWeJCrzN7v", "ciphertext": "u7Kx2Qm9",
                             "aad": "connection:1"}
          },
          "oauthScopes": ["API_EQUIPMENT_0001"],
          "version": 5
        }
        """;

    ConnectionSnapshot connection = Json.read(json, ConnectionSnapshot.class);

    assertThat(connection.secrets().get(ConnectionSnapshot.CLIENT_SECRET).ciphertext())
        .isEqualTo("u7Kx2Qm9");
    assertThat(connection.erpType()).isEqualTo(ErpType.SAP_S4HANA);
  }

  @Test
  void commandFromANewerOrchestratorReadsWithExtraWriteAttributes() {
    String json =
        """
        {
          "type": "UpsertRecords",
          "meta": {"schemaVersion": 1, "messageId": "u-1", "correlationId": "123"},
          "connectionId": 1, "jobId": 123, "mappingId": 7, "erpEntityName": "Equipment",
          "deadline": "2024-01-15T11:00:00Z",
          "writes": [
            {"tgmRecordId": 789, "values": {"EquipmentName": "Air compressor C-7"},
             "idempotencyKey": "123:UNIT:789:e01b44d0", "priority": "HIGH"}
          ]
        }
        """;

    UpsertRecords command = (UpsertRecords) Json.read(json, ConnectorCommand.class);

    assertThat(command.writes())
        .singleElement()
        .satisfies(
            write -> {
              assertThat(write.erpKey()).isNull();
              assertThat(write.idempotencyKey()).isEqualTo("123:UNIT:789:e01b44d0");
            });
  }

  @Test
  void changeEventsWithExtraFieldsStillRead() {
    String tgm =
        """
        {"type": "TgmRecordChanged", "meta": {"messageId": "t-1", "source": "debezium"},
         "entityType": "UNIT", "recordId": 456, "operation": "DELETE", "schema": "tgm"}
        """;
    String erp =
        """
        {"type": "ErpChangeNotification", "meta": {"messageId": "e-1"}, "connectionId": 1,
         "erpType": "SAP_S4HANA", "erpEntityName": "Equipment", "changeType": "DELETED",
         "erpKey": {"Equipment": "10000045"}, "signatureVerified": true}
        """;

    assertThat(Json.read(tgm, TgmRecordChanged.class).recordId()).isEqualTo(456);
    assertThat(Json.read(erp, ErpChangeNotification.class).erpKey())
        .isEqualTo(Map.of("Equipment", "10000045"));
  }

  @Test
  void cloudEventWithUnknownExtensionAttributesStillReads() {
    String json =
        """
        {"specversion": "1.0", "id": "ev-1", "source": "/tgm-erp-sync/sync-orchestrator",
         "type": "com.tgm.erpsync.job.started", "schemaversion": 1, "partitionkey": "1",
         "data": {"jobId": 123}}
        """;

    assertThat(Json.read(json, SyncEvent.class).data()).containsEntry("jobId", 123);
  }

  static Stream<Named<SyncMessage>> standaloneMessages() {
    return Stream.of(
            Samples.connectionSnapshot(),
            Samples.mappingSnapshot(),
            Samples.tgmRecordChanged(),
            Samples.erpChangeNotification())
        .map(message -> Named.of(message.getClass().getSimpleName(), message));
  }

  /** A hand-written message (kcat, a script) without the discriminator still reads. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("standaloneMessages")
  void standaloneMessageWithoutTypeStillReadsAsItsOwnClass(SyncMessage message) {
    ObjectNode json = (ObjectNode) Json.tree(Json.write(message));
    json.remove("type");

    assertThat(Json.read(json.toString(), message.getClass())).isEqualTo(message);
  }
}
