package com.tgm.erpsync.connector.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.connections.ConnectionTable;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.command.RecordWrite;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class,
    initArgs = {
      @ResourceArg(name = "database", value = "false"),
      @ResourceArg(name = "name", value = "connector-kit")
    })
class CommandHandlingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject ObjectMapper mapper;
  @Inject ConnectionTable table;
  @Inject HoldingDialect holding;

  private final KafkaEndpoint kafka = TestInfrastructure.kafka();
  private TestProducer producer;
  private TopicProbe results;

  @BeforeEach
  void openProbes() {
    producer = new TestProducer(kafka);
    results = TopicProbe.open(kafka, Topics.RESULTS);
  }

  @AfterEach
  void closeProbes() {
    results.close();
    producer.close();
  }

  @Test
  void answersTestConnectionForUnknownConnectionWithClearFailure() throws Exception {
    long connectionId = uniqueConnectionId();
    TestConnection command =
        new TestConnection(MessageMeta.create("test-" + connectionId), connectionId);

    send(command);

    ConnectionTested tested = awaitResult(ConnectionTested.class, connectionId);
    assertThat(tested.success()).isFalse();
    assertThat(tested.errorCode()).isEqualTo(ErrorCode.CONNECTION_UNKNOWN);
    assertThat(tested.message())
        .contains("Connection " + connectionId)
        .contains("unknown to connector-kit-test");
    assertThat(tested.meta().correlationId()).isEqualTo("test-" + connectionId);
  }

  @Test
  void refusesCommandsForDisabledConnection() throws Exception {
    long connectionId = uniqueConnectionId();
    publishConnection(snapshot(connectionId, ErpType.SAP_S4HANA, false));

    send(new TestConnection(MessageMeta.create("c"), connectionId));

    ConnectionTested tested = awaitResult(ConnectionTested.class, connectionId);
    assertThat(tested.errorCode()).isEqualTo(ErrorCode.CONNECTION_DISABLED);
    assertThat(tested.erpType()).isEqualTo(ErpType.SAP_S4HANA);
    assertThat(tested.message()).contains("is disabled");
  }

  @Test
  void findsConnectionWhoseSnapshotWasPublishedJustBeforeTheCommand() throws Exception {
    List<Long> connectionIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // other connections' snapshots ahead of it give the table something to read first
      publishBurstOfLargeSnapshots(20);
      long connectionId = uniqueConnectionId();
      connectionIds.add(connectionId);
      publishConnection(snapshot(connectionId, ErpType.SAP_ECC, true));
      send(new TestConnection(MessageMeta.create("created-" + connectionId), connectionId));
    }

    for (long connectionId : connectionIds) {
      ConnectionTested tested = awaitResult(ConnectionTested.class, connectionId);
      assertThat(tested.errorCode())
          .as("connection %d", connectionId)
          .isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
      assertThat(tested.message()).contains("no dialect for SAP ECC");
    }
  }

  @Test
  void servesConnectionReEnabledJustBeforeTheCommand() throws Exception {
    long connectionId = uniqueConnectionId();
    publishConnection(snapshot(connectionId, ErpType.SAP_ECC, false, 1L));
    await().atMost(WAIT).until(() -> table.find(connectionId).map(c -> !c.enabled()).orElse(false));

    publishBurstOfLargeSnapshots(20);
    publishConnection(snapshot(connectionId, ErpType.SAP_ECC, true, 2L));
    send(new TestConnection(MessageMeta.create("re-enabled"), connectionId));

    ConnectionTested tested = awaitResult(ConnectionTested.class, connectionId);
    assertThat(tested.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
  }

  @Test
  void answersCommandForConnectionDeletedJustBeforeAsUnknown() throws Exception {
    long connectionId = uniqueConnectionId();
    publishConnection(snapshot(connectionId, ErpType.SAP_ECC, false));
    await().atMost(WAIT).until(() -> table.find(connectionId).isPresent());

    publishBurstOfLargeSnapshots(20);
    producer.send(Topics.CONNECTIONS, Topics.connectionKey(connectionId), null);
    send(new TestConnection(MessageMeta.create("deleted"), connectionId));

    ConnectionTested tested = awaitResult(ConnectionTested.class, connectionId);
    assertThat(tested.errorCode()).isEqualTo(ErrorCode.CONNECTION_UNKNOWN);
  }

  @Test
  void refusesConnectionOfAnotherErpFamily() throws Exception {
    long connectionId = uniqueConnectionId();
    publishConnection(snapshot(connectionId, ErpType.ORACLE_NETSUITE, true));

    send(new TestConnection(MessageMeta.create("c"), connectionId));

    ConnectionTested tested = awaitResult(ConnectionTested.class, connectionId);
    assertThat(tested.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
    assertThat(tested.message()).contains("ORACLE_NETSUITE").contains("does not serve");
  }

  @Test
  void answersEveryRecordOfABatchWhenNoDialectServesTheErp() throws Exception {
    long connectionId = uniqueConnectionId();
    publishConnection(snapshot(connectionId, ErpType.SAP_ECC, true));
    List<RecordWrite> writes =
        List.of(
            new RecordWrite(1L, null, null, Map.of("Description", "Pump 1"), "k1"),
            new RecordWrite(2L, Map.of("Equipment", "10000002"), "W/\"1\"", Map.of(), "k2"),
            new RecordWrite(3L, null, null, Map.of("Description", "Pump 3"), "k3"));

    send(
        new UpsertRecords(MessageMeta.create("job-7"), connectionId, 7L, 70L, "Equipment", writes));

    List<RecordFailed> failed =
        results.awaitCount(r -> isFor(r, RecordFailed.class, connectionId), 3, WAIT).stream()
            .map(r -> decode(r.value(), RecordFailed.class))
            .toList();
    assertThat(failed)
        .extracting(RecordFailed::idempotencyKey)
        .containsExactlyInAnyOrder("k1", "k2", "k3");
    assertThat(failed)
        .allSatisfy(
            f -> {
              assertThat(f.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
              assertThat(f.message()).contains("no dialect for SAP ECC");
              assertThat(f.jobId()).isEqualTo(7L);
            });
  }

  @Test
  void aDialectAnsweringABatchUnderOneMessageIdIsAnsweredAsAnInternalError() throws Exception {
    long connectionId = uniqueConnectionId();
    publishConnection(snapshot(connectionId, ErpType.SAP_BUSINESS_ONE, true));
    List<RecordWrite> writes =
        List.of(
            new RecordWrite(1L, null, null, Map.of("CardName", "A"), "d1"),
            new RecordWrite(2L, null, null, Map.of("CardName", "B"), "d2"));

    send(new UpsertRecords(MessageMeta.create("job-8"), connectionId, 8L, 80L, "Items", writes));

    List<RecordFailed> failed =
        results.awaitCount(r -> isFor(r, RecordFailed.class, connectionId), 2, WAIT).stream()
            .map(r -> decode(r.value(), RecordFailed.class))
            .toList();
    assertThat(failed).extracting(RecordFailed::idempotencyKey).containsExactly("d1", "d2");
    assertThat(failed).extracting(RecordFailed::errorCode).containsOnly(ErrorCode.INTERNAL_ERROR);
    assertThat(failed.stream().map(f -> f.meta().messageId()).distinct()).hasSize(2);
  }

  @Test
  void dialectsForgetAConnectionThatChangedOrWasDeleted() throws Exception {
    long connectionId = uniqueConnectionId();
    publishConnection(snapshot(connectionId, ErpType.SAP_BUSINESS_ONE, true, 1L));
    await().atMost(WAIT).until(() -> table.find(connectionId).isPresent());
    assertThat(holding.forgotten(connectionId)).isZero();

    publishConnection(snapshot(connectionId, ErpType.SAP_BUSINESS_ONE, true, 2L));
    await().atMost(WAIT).until(() -> holding.forgotten(connectionId) == 1);

    producer.send(Topics.CONNECTIONS, Topics.connectionKey(connectionId), null);
    await().atMost(WAIT).until(() -> holding.forgotten(connectionId) == 2);
    assertThat(table.find(connectionId)).isEmpty();
  }

  @Test
  void movesUndecodableCommandToDeadLetterTopicWithReason() {
    String poison = "{\"type\":\"LaunchRockets\",\"connectionId\":1}";
    try (TopicProbe dlq = TopicProbe.open(kafka, Topics.dlq(Topics.COMMANDS_SAP))) {
      producer.send(Topics.COMMANDS_SAP, "1", poison);

      ConsumerRecord<String, String> dead = dlq.await(r -> poison.equals(r.value()), WAIT);
      assertThat(header(dead, Topics.DLQ_REASON_HEADER)).contains("undecodable command");
      assertThat(header(dead, Topics.DLQ_SOURCE_TOPIC_HEADER)).isEqualTo(Topics.COMMANDS_SAP);
    }
  }

  @Test
  void aCommandWaitingOutAnErpForMinutesDoesNotBreakTheChannel() {
    // the throttled commit strategy fails the channel for good when one record stays unprocessed
    // longer than this age (60 s by default); a command legitimately waits out backoff and
    // Retry-After for longer, so the age check is off and the kit bounds each request's retries
    assertThat(
            org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue(
                    "mp.messaging.incoming.erp-commands.throttled.unprocessed-record-max-age.ms",
                    Long.class))
        .isZero();
  }

  @Test
  void anErpThatDoesNotAnswerHoldsUpOnlyItsOwnConnection() throws Exception {
    long slow = uniqueConnectionId();
    long other = uniqueConnectionId();
    while (partition(other) == partition(slow)) {
      other = uniqueConnectionId();
    }
    publishConnection(snapshot(slow, ErpType.SAP_BUSINESS_ONE, true));
    publishConnection(snapshot(other, ErpType.SAP_BUSINESS_ONE, true));
    holding.hold(slow);
    try {
      send(new TestConnection(MessageMeta.create("slow"), slow));
      await().atMost(WAIT).until(() -> holding.holds(slow));

      // another connection's command, on another partition, is served meanwhile
      send(new TestConnection(MessageMeta.create("other"), other));
      assertThat(awaitResult(ConnectionTested.class, other).success()).isTrue();
    } finally {
      holding.release(slow);
    }
    assertThat(awaitResult(ConnectionTested.class, slow).success()).isTrue();
  }

  @Test
  void executesTheCommandsOfAConnectionInTheOrderTheyWereSent() throws Exception {
    List<Long> connections = List.of(uniqueConnectionId(), uniqueConnectionId());
    List<String> sent = new ArrayList<>();
    for (long connectionId : connections) {
      publishConnection(snapshot(connectionId, ErpType.SAP_BUSINESS_ONE, true));
    }
    for (int i = 0; i < 40; i++) {
      for (long connectionId : connections) {
        String id = "order-" + connectionId + "-" + i;
        send(new TestConnection(MessageMeta.create(id), connectionId));
        sent.add(id);
      }
    }

    for (long connectionId : connections) {
      results.awaitCount(r -> isFor(r, ConnectionTested.class, connectionId), 40, WAIT);
      assertThat(holding.executed(connectionId))
          .containsExactlyElementsOf(
              sent.stream().filter(id -> id.startsWith("order-" + connectionId + "-")).toList());
    }
  }

  @Test
  void isReadyOnceTheConnectionTableIsLoaded() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem("erp-connections table"));
  }

  private <T extends ConnectorResult> T awaitResult(Class<T> type, long connectionId) {
    return decode(results.await(r -> isFor(r, type, connectionId), WAIT).value(), type);
  }

  private boolean isFor(ConsumerRecord<String, String> record, Class<?> type, long connectionId) {
    ConnectorResult result = decode(record.value(), ConnectorResult.class);
    return type.isInstance(result) && result.connectionId() == connectionId;
  }

  private void send(ConnectorCommand command) throws Exception {
    producer.send(
        Topics.COMMANDS_SAP,
        Topics.connectionKey(command.connectionId()),
        mapper.writeValueAsString(command));
  }

  private void publishConnection(ConnectionSnapshot snapshot) throws Exception {
    producer.send(
        Topics.CONNECTIONS,
        Topics.connectionKey(snapshot.id()),
        mapper.writeValueAsString(snapshot));
  }

  /** Sends without waiting record by record, so the broker takes them in a few large batches. */
  private void publishBurstOfLargeSnapshots(int count) throws Exception {
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> burst = new KafkaProducer<>(props)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ConnectionSnapshot other = snapshot(uniqueConnectionId(), ErpType.SAP_ECC, true);
        ObjectNode json = mapper.valueToTree(other);
        ((ObjectNode) json.get("connectionSettings")).put("padding", "x".repeat(200_000));
        sent.add(
            burst.send(
                new ProducerRecord<>(
                    Topics.CONNECTIONS, Topics.connectionKey(other.id()), json.toString())));
      }
      for (Future<RecordMetadata> each : sent) {
        each.get(30, TimeUnit.SECONDS);
      }
    }
  }

  private <T> T decode(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (Exception e) {
      throw new AssertionError("not a " + type.getSimpleName() + ": " + json, e);
    }
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The command topic's partition of a connection's commands, as the producer picks it. */
  private static int partition(long connectionId) {
    byte[] key = Topics.connectionKey(connectionId).getBytes(StandardCharsets.UTF_8);
    return org.apache.kafka.common.utils.Utils.toPositive(
            org.apache.kafka.common.utils.Utils.murmur2(key))
        % Topics.ALL.stream()
            .filter(topic -> topic.name().equals(Topics.COMMANDS_SAP))
            .findFirst()
            .orElseThrow()
            .partitions();
  }

  private static long uniqueConnectionId() {
    return ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
  }

  static ConnectionSnapshot snapshot(long id, ErpType type, boolean enabled) {
    return snapshot(id, type, enabled, 1L);
  }

  static ConnectionSnapshot snapshot(long id, ErpType type, boolean enabled, long version) {
    return new ConnectionSnapshot(
        MessageMeta.create(UUID.randomUUID().toString()),
        id,
        "Connection " + id,
        "for tests",
        type,
        type.allowedAuthTypes().contains(AuthType.BASIC) ? AuthType.BASIC : AuthType.OAUTH2,
        "https://erp.example.com",
        enabled,
        true,
        SyncDirection.BIDIRECTIONAL,
        60,
        false,
        null,
        "svc-user",
        "100",
        "PRD",
        "00",
        "EN",
        null,
        null,
        null,
        null,
        null,
        Map.of(),
        Map.of(),
        3,
        30,
        100,
        60,
        4,
        version,
        Instant.now());
  }
}
