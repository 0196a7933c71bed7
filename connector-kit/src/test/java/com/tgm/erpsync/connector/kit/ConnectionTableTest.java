package com.tgm.erpsync.connector.kit;

import static com.tgm.erpsync.connector.kit.CommandHandlingTest.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connections.ConnectionTable;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TestProducer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class,
    initArgs = {
      @ResourceArg(name = "database", value = "false"),
      @ResourceArg(name = "name", value = "connector-kit-table")
    })
class ConnectionTableTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject ObjectMapper mapper;
  @Inject ConnectionTable table;

  private final KafkaEndpoint kafka = TestInfrastructure.kafka();
  private TestProducer producer;

  @BeforeEach
  void openProducer() throws InterruptedException {
    producer = new TestProducer(kafka);
    assertThat(table.awaitLoaded(WAIT)).isTrue();
  }

  @AfterEach
  void closeProducer() {
    producer.close();
  }

  @Test
  void hasEverySnapshotPublishedBeforeTheCallOnceCaughtUp() throws Exception {
    List<Long> connectionIds = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long connectionId = uniqueConnectionId();
      connectionIds.add(connectionId);
      publish(producer, snapshot(connectionId, ErpType.SAP_S4HANA, true, 3L));
    }

    assertThat(table.awaitCaughtUp(WAIT)).isTrue();

    for (long connectionId : connectionIds) {
      assertThat(table.find(connectionId).map(ConnectionSnapshot::version))
          .as("connection %d", connectionId)
          .contains(3L);
    }
  }

  @Test
  void hasForgottenAConnectionWhoseTombstoneWasPublishedBeforeTheCall() throws Exception {
    long connectionId = uniqueConnectionId();
    publish(producer, snapshot(connectionId, ErpType.SAP_S4HANA, true));
    assertThat(table.awaitCaughtUp(WAIT)).isTrue();
    assertThat(table.find(connectionId)).isPresent();

    producer.send(Topics.CONNECTIONS, Topics.connectionKey(connectionId), null);

    assertThat(table.awaitCaughtUp(WAIT)).isTrue();
    assertThat(table.find(connectionId)).isEmpty();
  }

  @Test
  void catchesUpForConcurrentCallersWhileSnapshotsKeepArriving() throws Exception {
    AtomicBoolean appending = new AtomicBoolean(true);
    AtomicInteger appended = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(9);
    try (TestProducer background = new TestProducer(kafka)) {
      // the end of the topic keeps moving: a caller waits for the end of its call, not the latest
      Future<?> appender =
          threads.submit(
              () -> {
                while (appending.get()) {
                  publish(background, snapshot(uniqueConnectionId(), ErpType.SAP_ECC, true));
                  appended.incrementAndGet();
                }
                return null;
              });
      List<Future<Optional<ConnectionSnapshot>>> callers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        long connectionId = uniqueConnectionId();
        callers.add(
            threads.submit(
                () -> {
                  publish(producer, snapshot(connectionId, ErpType.SAP_S4HANA, true));
                  assertThat(table.awaitCaughtUp(WAIT)).isTrue();
                  return table.find(connectionId);
                }));
      }

      for (Future<Optional<ConnectionSnapshot>> caller : callers) {
        assertThat(caller.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isPresent();
      }
      appending.set(false);
      appender.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(appended.get()).isPositive();
    } finally {
      appending.set(false);
      threads.shutdownNow();
    }
  }

  @Test
  void reportsFalseWhenTheWaitIsOverBeforeTheTableCaughtUp() throws Exception {
    assertThat(table.awaitCaughtUp(Duration.ZERO)).isFalse();
  }

  private void publish(TestProducer to, ConnectionSnapshot snapshot) throws Exception {
    to.send(
        Topics.CONNECTIONS,
        Topics.connectionKey(snapshot.id()),
        mapper.writeValueAsString(snapshot));
  }

  private static long uniqueConnectionId() {
    return ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
  }
}
