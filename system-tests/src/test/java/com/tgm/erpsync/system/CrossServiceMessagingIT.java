package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.RealInfrastructureExtension;
import com.tgm.erpsync.testsupport.ServiceProcess;
import com.tgm.erpsync.testsupport.TestDatabase;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plumbing across processes: a command goes to the packaged SAP connector, whose answer is
 * consumed by the packaged orchestrator, which publishes the public event — three JVMs, one real
 * broker, one correlation id from end to end.
 */
@ExtendWith(RealInfrastructureExtension.class)
class CrossServiceMessagingIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private final ObjectMapper mapper =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void connectorAnswerIsConsumedByOrchestratorAndPublishedAsSyncEvent(
      KafkaEndpoint kafka, TestDatabase database) throws Exception {
    long connectionId = 424242;
    TestConnection command =
        new TestConnection(MessageMeta.create("it-correlation-1"), connectionId);

    try (ServiceProcess connector = ServiceProcess.start("connector-sap", env(kafka, null));
        ServiceProcess orchestrator =
            ServiceProcess.start("sync-orchestrator", env(kafka, database));
        TopicProbe events = TopicProbe.open(kafka, Topics.SYNC_EVENTS);
        TestProducer producer = new TestProducer(kafka)) {
      connector.awaitReady(STARTUP);
      orchestrator.awaitReady(STARTUP);

      producer.send(
          Topics.COMMANDS_SAP,
          Topics.connectionKey(connectionId),
          mapper.writeValueAsString(command));

      ConsumerRecord<String, String> record =
          events.await(
              r -> read(r).path("data").path("connectionId").asLong() == connectionId,
              Duration.ofSeconds(60));
      JsonNode event = read(record);
      assertThat(event.path("type").asText()).isEqualTo(SyncEventTypes.CONNECTION_TESTED);
      assertThat(event.path("source").asText()).isEqualTo("/tgm-erp-sync/sync-orchestrator");
      assertThat(event.path("correlationid").asText()).isEqualTo("it-correlation-1");
      assertThat(event.path("data").path("status").asText()).isEqualTo("failure");
      assertThat(event.path("data").path("errorCode").asText()).isEqualTo("CONNECTION_UNKNOWN");
      assertThat(event.path("data").path("message").asText())
          .isEqualTo(
              "Connection 424242 is unknown to connector-sap: it has no configuration on"
                  + " erp.connections");
    }
  }

  private JsonNode read(ConsumerRecord<String, String> record) {
    try {
      return mapper.readTree(record.value());
    } catch (Exception e) {
      return mapper.createObjectNode();
    }
  }

  static Map<String, String> env(KafkaEndpoint kafka, TestDatabase database) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("TGM_JWT_PUBLIC_KEY", AdminTokens.publicKeyPem().toString());
    env.put("TGM_JWT_ISSUER", AdminTokens.ISSUER);
    // change capture of the TGM tables only where a test asks for it (SapStack.startRealtime): its
    // replication slot is the cluster's, and every test class has a database of its own
    env.put("ORCHESTRATOR_CAPTURE_ENABLED", "false");
    if (database != null) {
      env.put("TGM_DB_URL", database.jdbcUrl());
      env.put("TGM_DB_USER", database.user());
      env.put("TGM_DB_PASSWORD", database.password());
    }
    return env;
  }
}
