package com.tgm.erpsync.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.connector.ContractJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receives the sandbox's S/4HANA business events (structured CloudEvents, key only) and publishes
 * each as the ErpChangeNotification the webhook gateway makes of it, on erp.changes keyed by the
 * connection: {@code sap.s4.beh.equipment.v1.Equipment.Changed.v1} with {@code {"Equipment":
 * "10000045"}} becomes an UPDATED notification of entity Equipment with that key.
 */
final class SapEventRelay implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final TestProducer producer;
  private final AtomicInteger relayed = new AtomicInteger();
  private volatile long connectionId;

  SapEventRelay(KafkaEndpoint kafka) throws IOException {
    producer = new TestProducer(kafka);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/events",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            relay(JSON.readTree(body));
            exchange.sendResponseHeaders(202, -1);
          } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  /** Where the sandbox posts its events. */
  URI webhook() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
  }

  /** The connection the events are for (known once the test created it). */
  void forConnection(long connectionId) {
    this.connectionId = connectionId;
  }

  int relayed() {
    return relayed.get();
  }

  private void relay(JsonNode event) {
    if (connectionId == 0) {
      return; // before the connection exists: nothing to sync yet
    }
    String[] type = event.path("type").asText().split("\\.");
    // sap.s4.beh.<object>.v1.<Entity>.<Operation>.v1
    String entity = type[5];
    ErpChangeType change =
        switch (type[6]) {
          case "Created" -> ErpChangeType.CREATED;
          case "Deleted" -> ErpChangeType.DELETED;
          default -> ErpChangeType.UPDATED;
        };
    Map<String, String> key = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = event.path("data").fields();
        fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      key.put(field.getKey(), field.getValue().asText());
    }
    ErpChangeNotification notification =
        new ErpChangeNotification(
            MessageMeta.create(null),
            connectionId,
            ErpType.SAP_S4HANA,
            entity,
            key,
            change,
            null,
            null,
            event.path("id").asText(),
            event.path("source").asText(),
            Instant.parse(event.path("time").asText()),
            Instant.now());
    producer.send(
        Topics.ERP_CHANGES, Long.toString(connectionId), ContractJson.write(notification));
    relayed.incrementAndGet();
  }

  @Override
  public void close() {
    server.stop(0);
    producer.close();
  }
}
