package com.tgm.erpsync.sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class BatchTest {

  private static final String ROOT = SapSandbox.S4_EQUIPMENT_V2;

  private static String op(String method, String url, String body) {
    return "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        + method
        + " "
        + url
        + " HTTP/1.1\r\nContent-Type: application/json\r\nIf-Match: *\r\n\r\n"
        + (body == null ? "" : body)
        + "\r\n";
  }

  @Test
  void appliesGoodChangeSetsAndRollsBackOnlyTheFailingOne() {
    try (SapSandbox sandbox =
        SapSandbox.start(SandboxOptions.builder().equipmentCount(100).eccHttpsPort(-1).build())) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      String csrf = client.fetchCsrf(ROOT);
      String k1 = "Equipment(Equipment='10000001',ValidityEndDate=datetime'9999-12-31T00:00:00')";
      String k2 = "Equipment(Equipment='10000002',ValidityEndDate=datetime'9999-12-31T00:00:00')";
      String body =
          "--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_a\r\n\r\n"
              + "--changeset_a\r\n"
              + op("PATCH", k1, "{\"EquipmentName\":\"Batch A\"}")
              + "--changeset_a--\r\n"
              + "--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_b\r\n\r\n"
              + "--changeset_b\r\n"
              + op("PATCH", k2, "{\"EquipmentName\":\"Batch B\"}")
              + "--changeset_b\r\n"
              + op(
                  "PATCH",
                  "Equipment(Equipment='77777777',ValidityEndDate=datetime'9999-12-31T00:00:00')",
                  "{\"EquipmentName\":\"missing\"}")
              + "--changeset_b--\r\n"
              + "--batch_1\r\n"
              + op("GET", k2, null)
              + "--batch_1--\r\n";
      HttpResponse<String> r =
          client.send(
              client
                  .request(ROOT + "/$batch")
                  .header("Content-Type", "multipart/mixed; boundary=batch_1")
                  .header("X-CSRF-Token", csrf)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build());
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("multipart/mixed; boundary=batchresponse_");
      String text = r.body();
      assertThat(text)
          .contains("HTTP/1.1 204 No Content")
          .contains("HTTP/1.1 404 Not Found")
          .contains("HTTP/1.1 200 OK");
      assertThat(text.indexOf("204 No Content")).isLessThan(text.indexOf("404 Not Found"));
      assertThat(text).contains("multipart/mixed; boundary=changesetresponse_");

      assertThat(
              SapTestClient.json(client.get(ROOT + "/" + k1))
                  .get("d")
                  .get("EquipmentName")
                  .asText())
          .isEqualTo("Batch A");
      assertThat(
              SapTestClient.json(client.get(ROOT + "/" + k2))
                  .get("d")
                  .get("EquipmentName")
                  .asText())
          .isNotEqualTo("Batch B");
      assertThat(sandbox.journal().find(JournalFilter.all().method("PATCH")))
          .hasSize(3)
          .allMatch(e -> e.batchPart());
      assertThat(
              sandbox
                  .journal()
                  .find(JournalFilter.all().withoutBatchParts().pathContains("$batch")))
          .hasSize(1);
    }
  }

  @Test
  void batchWithoutCsrfTokenIsRefused() {
    try (SapSandbox sandbox =
        SapSandbox.start(SandboxOptions.builder().equipmentCount(10).eccHttpsPort(-1).build())) {
      SapTestClient client = new SapTestClient(sandbox.baseUri());
      HttpResponse<String> r =
          client.send(
              client
                  .request(ROOT + "/$batch")
                  .header("Content-Type", "multipart/mixed; boundary=b")
                  .POST(HttpRequest.BodyPublishers.ofString("--b--\r\n"))
                  .build());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.headers().firstValue("X-CSRF-Token")).contains("Required");
    }
  }
}
