package com.tgm.erpsync.sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.journal.JournalEntry;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EquipmentWriteTest {

  private static final String ROOT = SapSandbox.S4_EQUIPMENT_V2;
  private static final String KEY =
      "/Equipment(Equipment='10000005',ValidityEndDate=datetime'9999-12-31T00:00:00')";
  private SapSandbox sandbox;
  private SapTestClient client;
  private String csrf;

  @BeforeEach
  void start() {
    sandbox =
        SapSandbox.start(SandboxOptions.builder().equipmentCount(100).eccHttpsPort(-1).build());
    client = new SapTestClient(sandbox.baseUri());
    csrf = client.fetchCsrf(ROOT);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpRequest.Builder write(String path, String method, String body) {
    return client
        .request(path)
        .header("X-CSRF-Token", csrf)
        .header("Content-Type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void updatesNeedTheCurrentEtag() {
    String etag = client.get(ROOT + KEY).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> missing =
        client.send(write(ROOT + KEY, "PATCH", "{\"EquipmentName\":\"Pump A\"}").build());
    assertThat(missing.statusCode()).isEqualTo(428);
    assertThat(SapTestClient.json(missing).get("error").get("message").get("value").asText())
        .contains("If-Match");

    HttpResponse<String> ok =
        client.send(
            write(ROOT + KEY, "PATCH", "{\"EquipmentName\":\"Pump A\",\"GrossWeight\":\"12.500\"}")
                .header("If-Match", etag)
                .build());
    assertThat(ok.statusCode()).isEqualTo(204);
    String newEtag = ok.headers().firstValue("ETag").orElseThrow();
    assertThat(newEtag).isNotEqualTo(etag);

    HttpResponse<String> stale =
        client.send(
            write(ROOT + KEY, "PATCH", "{\"EquipmentName\":\"Pump B\"}")
                .header("If-Match", etag)
                .build());
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(SapTestClient.json(stale).get("error").has("innererror")).isTrue();

    JsonNode e = SapTestClient.json(client.get(ROOT + KEY)).get("d");
    assertThat(e.get("EquipmentName").asText()).isEqualTo("Pump A");
    assertThat(e.get("GrossWeight").asText()).isEqualTo("12.500");
    assertThat(e.get("__metadata").get("etag").asText()).isEqualTo(newEtag);
    assertThat(e.get("ManufacturerName").asText()).isNotBlank();

    List<JournalEntry> patches =
        sandbox.journal().find(JournalFilter.all().method("PATCH").pathContains("10000005"));
    assertThat(patches).extracting(JournalEntry::status).containsExactly(428, 204, 412);
    assertThat(patches.get(1).header("If-Match")).isEqualTo(etag);
    assertThat(patches.get(1).header("X-CSRF-Token")).isEqualTo(csrf);
    assertThat(patches.get(1).header("Authorization")).isEqualTo("Basic");
    assertThat(patches.get(1).body()).contains("Pump A");
  }

  @Test
  void mergeTunnelledThroughPostUpdatesAndMovesTheRecordIntoTheDelta() {
    String etag = client.get(ROOT + KEY).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> r =
        client.send(
            write(ROOT + KEY, "POST", "{\"InventoryNumber\":\"INV-X\"}")
                .header("X-HTTP-Method", "MERGE")
                .header("If-Match", etag)
                .build());
    assertThat(r.statusCode()).isEqualTo(204);
    JsonNode delta =
        SapTestClient.json(
                client.get(
                    ROOT
                        + "/Equipment?$filter=LastChangeDateTime%20gt%20datetimeoffset'2025-01-01T00:00:00Z'"))
            .get("d");
    assertThat(delta.get("results")).hasSize(1);
    assertThat(delta.get("results").get(0).get("InventoryNumber").asText()).isEqualTo("INV-X");
    assertThat(sandbox.journal().find(JournalFilter.all().method("MERGE"))).hasSize(1);
  }

  @Test
  void createsWithAServerAssignedNumberAndRefusesDuplicates() {
    HttpResponse<String> created =
        client.send(
            write(
                    ROOT + "/Equipment",
                    "POST",
                    "{\"EquipmentName\":\"New"
                        + " compressor\",\"EquipmentCategory\":\"M\",\"GrossWeight\":\"7.400\"}")
                .build());
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode e = SapTestClient.json(created).get("d");
    assertThat(e.get("Equipment").asText()).isEqualTo("10000100");
    assertThat(e.get("GrossWeight").asText()).isEqualTo("7.400");
    assertThat(created.headers().firstValue("Location").orElseThrow())
        .contains("Equipment='10000100'");
    JsonNode count =
        SapTestClient.json(client.get(ROOT + "/Equipment?$top=1&$inlinecount=allpages")).get("d");
    assertThat(count.get("__count").asText()).isEqualTo("101");

    HttpResponse<String> duplicate =
        client.send(
            write(
                    ROOT + "/Equipment",
                    "POST",
                    "{\"Equipment\":\"10000003\",\"EquipmentName\":\"Dup\"}")
                .build());
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(SapTestClient.json(duplicate).get("error").get("message").get("value").asText())
        .contains("already exists");
  }

  @Test
  void deletesWithEtagAndThenAnswers404() {
    String etag = client.get(ROOT + KEY).headers().firstValue("ETag").orElseThrow();
    assertThat(
            client
                .send(write(ROOT + KEY, "DELETE", null).header("If-Match", etag).build())
                .statusCode())
        .isEqualTo(204);
    assertThat(client.get(ROOT + KEY).statusCode()).isEqualTo(404);
    JsonNode d = SapTestClient.json(client.get(ROOT + "/Equipment?$inlinecount=allpages")).get("d");
    assertThat(d.get("__count").asText()).isEqualTo("99");
    assertThat(d.get("results")).hasSize(99);
  }

  @Test
  void v4UpdatesShareTheDataWithV2() {
    String v4Key =
        SapSandbox.S4_EQUIPMENT_V4 + "/Equipment(Equipment='10000005',ValidityEndDate=9999-12-31)";
    String etag = SapTestClient.json(client.get(v4Key)).get("@odata.etag").asText();
    HttpResponse<String> r =
        client.send(
            write(v4Key, "PATCH", "{\"GrossWeight\":8.25}").header("If-Match", etag).build());
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(SapTestClient.json(client.get(ROOT + KEY)).get("d").get("GrossWeight").asText())
        .isEqualTo("8.25");
  }
}
