package com.tgm.erpsync.mapping;

import static com.tgm.erpsync.mapping.Mappings.COMPANY;
import static com.tgm.erpsync.mapping.Mappings.GUIDE_STEP_2;
import static com.tgm.erpsync.mapping.Mappings.WAIT;
import static com.tgm.erpsync.mapping.Mappings.admin;
import static com.tgm.erpsync.mapping.Mappings.connectionExists;
import static com.tgm.erpsync.mapping.Mappings.connectionMappings;
import static com.tgm.erpsync.mapping.Mappings.create;
import static com.tgm.erpsync.mapping.Mappings.freshConnectionId;
import static com.tgm.erpsync.mapping.Mappings.mapping;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.mapping.messaging.ConnectionTable;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every committed change reaches erp.mappings once, in order, as a full snapshot. */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class MappingPublishingTest {

  @Inject ConnectionTable table;
  @Inject ObjectMapper mapper;

  private TopicProbe published;

  @BeforeEach
  void watchTopic() {
    published = TopicProbe.open(TestInfrastructure.kafka(), Topics.MAPPINGS);
  }

  @AfterEach
  void closeProbe() {
    published.close();
  }

  @Test
  void publishesOneSnapshotPerCommittedChangeInOrderAndNoneForARejectedOne() throws Exception {
    long connection = connectionExists(table, freshConnectionId());

    long id = create(connection, GUIDE_STEP_2); // version 1
    admin().body("{\"batchSize\": 200}").put(mapping(id)).then().statusCode(200); // 2
    admin().body("{\"batchSize\": 0}").put(mapping(id)).then().statusCode(400); // rejected
    admin().body("{\"batchSize\": 200}").put(mapping(id)).then().statusCode(200); // no change
    admin()
        .body(GUIDE_STEP_2.replace("Equipment", "FixedAsset"))
        .post(connectionMappings(connection))
        .then()
        .statusCode(409); // rejected
    admin().body("{\"syncEnabled\": false}").put(mapping(id)).then().statusCode(200); // 3
    admin().delete(mapping(id)).then().statusCode(204); // tombstone
    long marker = create(connection, COMPANY);

    published.await(r -> String.valueOf(marker).equals(r.key()), WAIT);
    // one partition in commit order: from the mapping's first record on, all is this test's
    long first = published.await(r -> String.valueOf(id).equals(r.key()), WAIT).offset();
    List<ConsumerRecord<String, String>> records =
        published.drain(
            r -> r.offset() >= first && !String.valueOf(marker).equals(r.key()),
            Duration.ofSeconds(1));
    assertThat(records).extracting(ConsumerRecord::key).containsOnly(String.valueOf(id));
    assertThat(records).hasSize(4);
    List<MappingSnapshot> snapshots =
        records.subList(0, 3).stream().map(r -> read(r.value())).toList();
    assertThat(snapshots).extracting(MappingSnapshot::version).containsExactly(1L, 2L, 3L);
    assertThat(snapshots).extracting(MappingSnapshot::batchSize).containsExactly(100, 200, 200);
    assertThat(snapshots)
        .extracting(MappingSnapshot::syncEnabled)
        .containsExactly(true, true, false);
    assertThat(records.get(3).value()).isNull();
  }

  @Test
  void publishesTheFullMappingAsTheApiShowsIt() throws Exception {
    long connection = connectionExists(table, freshConnectionId());

    long id = create(connection, GUIDE_STEP_2);

    ConsumerRecord<String, String> record =
        published.await(r -> String.valueOf(id).equals(r.key()), WAIT);
    JsonNode json = mapper.readTree(record.value());
    assertThat(json.path("type").asText()).isEqualTo("MappingSnapshot");
    assertThat(json.path("fieldMappings").get(1).path("isKeyField").asBoolean()).isTrue();
    MappingSnapshot snapshot = read(record.value());
    assertThat(snapshot.meta().correlationId()).isEqualTo("mapping-" + id + "-v1");
    assertThat(snapshot.id()).isEqualTo(id);
    assertThat(snapshot.connectionId()).isEqualTo(connection);
    assertThat(snapshot.tgmEntityType()).isEqualTo(EntityType.UNIT);
    assertThat(snapshot.erpEntityName()).isEqualTo("Equipment");
    assertThat(snapshot.syncEnabled()).isTrue();
    assertThat(snapshot.syncDirection()).isEqualTo(SyncDirection.BIDIRECTIONAL);
    assertThat(snapshot.conflictResolution()).isEqualTo(ConflictResolution.ERP_WINS);
    assertThat(snapshot.batchSize()).isEqualTo(100);
    assertThat(snapshot.version()).isEqualTo(1);
    assertThat(snapshot.updatedAt()).isNotNull();
    assertThat(snapshot.fieldMappings())
        .containsExactly(
            new FieldMappingSpec(
                "name",
                "Description",
                FieldType.STRING,
                SyncDirection.BIDIRECTIONAL,
                true,
                false,
                null,
                null,
                null,
                null),
            new FieldMappingSpec(
                "serialNumber",
                "SerialNumber",
                FieldType.STRING,
                SyncDirection.INBOUND,
                false,
                true,
                null,
                null,
                null,
                null),
            new FieldMappingSpec(
                "manufacturer",
                "ManufacturerName",
                FieldType.STRING,
                SyncDirection.INBOUND,
                false,
                false,
                null,
                null,
                null,
                null));
  }

  @Test
  void publishesValueMapsAndReferencesAsStored() throws Exception {
    long connection = connectionExists(table, freshConnectionId());
    String body =
        """
        {"tgmEntityType": "UNIT", "erpEntityName": "Equipment",
         "fieldMappings": [
          {"tgmField": "serialNumber", "erpField": "SerialNumber", "isKeyField": true},
          {"tgmField": "manufacturer", "erpField": "ManufacturerName", "isKeyField": true},
          {"tgmField": "status", "erpField": "SystemStatus", "fieldType": "ENUM",
           "valueMap": {"ACTIVE": "AVLB", "INACTIVE": "INAC"}, "defaultValue": "INACTIVE"},
          {"tgmField": "locationId", "erpField": "MaintenancePlant", "fieldType": "REFERENCE",
           "referenceEntity": "LOCATION"},
          {"tgmField": "installDate", "erpField": "StartupDate", "format": "yyyyMMdd"}]}
        """;

    long id = create(connection, body);

    MappingSnapshot snapshot =
        read(published.await(r -> String.valueOf(id).equals(r.key()), WAIT).value());
    assertThat(snapshot.fieldMappings()).filteredOn(FieldMappingSpec::keyField).hasSize(2);
    FieldMappingSpec status = snapshot.fieldMappings().get(2);
    assertThat(status.valueMap()).isEqualTo(Map.of("ACTIVE", "AVLB", "INACTIVE", "INAC"));
    assertThat(status.defaultValue()).isEqualTo("INACTIVE");
    assertThat(snapshot.fieldMappings().get(3).referenceEntity()).isEqualTo(EntityType.LOCATION);
    assertThat(snapshot.fieldMappings().get(4).fieldType()).isEqualTo(FieldType.DATE);
    assertThat(snapshot.fieldMappings().get(4).format()).isEqualTo("yyyyMMdd");
  }

  private MappingSnapshot read(String json) {
    try {
      return mapper.readValue(json, MappingSnapshot.class);
    } catch (Exception e) {
      throw new AssertionError("not a MappingSnapshot: " + json, e);
    }
  }
}
