package com.tgm.erpsync.sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BusinessEventsTest {

  @Test
  void postsAKeyOnlyCloudEventForEveryChange() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/events",
        ex -> {
          received.add(new String(ex.getRequestBody().readAllBytes()));
          ex.sendResponseHeaders(202, -1);
          ex.close();
        });
    receiver.start();
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/events");
    try (SapSandbox sandbox =
        SapSandbox.start(
            SandboxOptions.builder()
                .equipmentCount(10)
                .eccHttpsPort(-1)
                .webhook(hook)
                .equipmentIfMatchRequired(false)
                .build())) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      String csrf = client.fetchCsrf(SapSandbox.S4_EQUIPMENT_V2);
      client.send(
          client
              .request(
                  SapSandbox.S4_EQUIPMENT_V2
                      + "/Equipment(Equipment='10000003',ValidityEndDate=datetime'9999-12-31T00:00:00')")
              .header("X-CSRF-Token", csrf)
              .method(
                  "PATCH", HttpRequest.BodyPublishers.ofString("{\"EquipmentName\":\"Evented\"}"))
              .build());
      JsonNode event = SapTestClient.JSON.readTree(received.poll(10, TimeUnit.SECONDS));
      assertThat(event.get("type").asText())
          .isEqualTo("sap.s4.beh.equipment.v1.Equipment.Changed.v1");
      assertThat(event.get("specversion").asText()).isEqualTo("1.0");
      assertThat(event.get("data").get("Equipment").asText()).isEqualTo("10000003");
      assertThat(event.get("data").size()).isEqualTo(1);
    } finally {
      receiver.stop(0);
    }
  }
}
