package com.tgm.erpsync.sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EquipmentReadTest {

  private static final String V2 = SapSandbox.S4_EQUIPMENT_V2;
  private static final String V4 = SapSandbox.S4_EQUIPMENT_V4;
  private static SapSandbox sandbox;
  private static SapTestClient client;

  @BeforeAll
  static void start() {
    sandbox =
        SapSandbox.start(SandboxOptions.builder().equipmentCount(10_000).eccHttpsPort(-1).build());
    client = new SapTestClient(sandbox.baseUri());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void pagesThroughTenThousandV2RecordsWithNextLinksSeeingEachOnce() {
    Set<String> seen = new HashSet<>();
    String next = V2 + "/Equipment?$inlinecount=allpages&sap-client=100&sap-language=EN";
    int pages = 0;
    while (next != null) {
      JsonNode d = SapTestClient.json(client.get(next)).get("d");
      assertThat(d.get("__count").asText()).isEqualTo("10000");
      for (JsonNode e : d.get("results")) {
        assertThat(seen.add(e.get("Equipment").asText())).isTrue();
      }
      next =
          d.has("__next")
              ? d.get("__next").asText().substring(sandbox.baseUri().toString().length())
              : null;
      pages++;
    }
    assertThat(seen).hasSize(10_000);
    assertThat(pages).isEqualTo(10);
  }

  @Test
  void pagesThroughV4WithNextLinkAndMaxPageSize() {
    Set<String> seen = new HashSet<>();
    String next = V4 + "/Equipment?$count=true";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> r =
          client.send(
              client.request(next).header("Prefer", "odata.maxpagesize=2500").GET().build());
      assertThat(r.headers().firstValue("Preference-Applied")).contains("odata.maxpagesize=1000");
      JsonNode body = SapTestClient.json(r);
      assertThat(body.get("@odata.count").asLong()).isEqualTo(10_000);
      for (JsonNode e : body.get("value")) {
        assertThat(seen.add(e.get("Equipment").asText())).isTrue();
        assertThat(e.get("@odata.etag").asText()).startsWith("W/\"datetimeoffset'");
      }
      next = body.has("@odata.nextLink") ? V4 + "/" + body.get("@odata.nextLink").asText() : null;
      pages++;
    }
    assertThat(seen).hasSize(10_000);
    assertThat(pages).isEqualTo(10);
  }

  @Test
  void honoursSmallerPreferredPageSize() {
    HttpResponse<String> r =
        client.send(
            client
                .request(V2 + "/Equipment?$top=25")
                .header("Prefer", "odata.maxpagesize=10")
                .GET()
                .build());
    JsonNode d = SapTestClient.json(r).get("d");
    assertThat(d.get("results")).hasSize(10);
    assertThat(d.get("__next").asText()).contains("$top=15").contains("$skiptoken=10");
  }

  @Test
  void servesV2EntityShapeLikeApiEquipment() {
    HttpResponse<String> r =
        client.get(
            V2 + "/Equipment(Equipment='10000007',ValidityEndDate=datetime'9999-12-31T00:00:00')");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("ETag")).isPresent();
    JsonNode e = SapTestClient.json(r).get("d");
    assertThat(e.get("__metadata").get("type").asText()).isEqualTo("API_EQUIPMENT.EquipmentType");
    assertThat(e.get("__metadata").get("uri").asText())
        .endsWith(
            "Equipment(Equipment='10000007',ValidityEndDate=datetime'9999-12-31T00%3A00%3A00')");
    assertThat(e.get("GrossWeight").asText()).matches("\\d+\\.\\d{3}");
    assertThat(e.get("GrossWeight").isTextual()).isTrue();
    assertThat(e.get("AcquisitionDate").asText()).matches("/Date\\(\\d+\\)/");
    assertThat(e.get("LastChangeDateTime").asText()).matches("/Date\\(\\d+\\+0000\\)/");
    assertThat(e.get("ValidityEndDate").asText()).isEqualTo("/Date(253402214400000)/");
    assertThat(e.get("ManufacturerName").asText()).isNotBlank();
  }

  @Test
  void servesV4EntityWithIsoDatesAndNumericDecimals() {
    HttpResponse<String> r =
        client.get(V4 + "/Equipment(Equipment='10000007',ValidityEndDate=9999-12-31)");
    JsonNode e = SapTestClient.json(r);
    assertThat(e.get("GrossWeight").isNumber()).isTrue();
    assertThat(e.get("ValidityEndDate").asText()).isEqualTo("9999-12-31");
    assertThat(e.get("LastChangeDateTime").asText()).startsWith("2020-01-");
    assertThat(r.headers().firstValue("OData-Version")).contains("4.0");
  }

  @Test
  void generatedDataIsDeterministicForASeed() {
    try (SapSandbox other = SapSandbox.start(SandboxOptions.builder().eccHttpsPort(-1).build())) {
      String path = V2 + "/Equipment?$top=50&$skip=3000";
      assertThat(
              new SapTestClient(other.baseUri())
                  .get(path)
                  .body()
                  .replace(other.baseUri().toString(), ""))
          .isEqualTo(client.get(path).body().replace(sandbox.baseUri().toString(), ""));
    }
  }

  @Test
  void answersUnknownKeyWith404ODataError() {
    HttpResponse<String> r =
        client.get(
            V2 + "/Equipment(Equipment='99999999',ValidityEndDate=datetime'9999-12-31T00:00:00')");
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode error = SapTestClient.json(r).get("error");
    assertThat(error.get("code").asText()).isEqualTo("/IWBEP/CM_MGW_RT/020");
    assertThat(error.get("message").get("lang").asText()).isEqualTo("en");
    assertThat(error.get("innererror").has("errordetails")).isTrue();
    HttpResponse<String> v4 =
        client.get(V4 + "/Equipment(Equipment='99999999',ValidityEndDate=9999-12-31)");
    assertThat(SapTestClient.json(v4).get("error").get("message").isTextual()).isTrue();
  }

  @Test
  void filtersByKeyAndSelectsProperties() {
    JsonNode d =
        SapTestClient.json(
                client.get(
                    V2
                        + "/Equipment?$filter=Equipment%20eq%20'10000042'&$select=Equipment,EquipmentName"))
            .get("d");
    assertThat(d.get("results")).hasSize(1);
    JsonNode e = d.get("results").get(0);
    assertThat(e.get("Equipment").asText()).isEqualTo("10000042");
    assertThat(e.has("EquipmentName")).isTrue();
    assertThat(e.has("GrossWeight")).isFalse();
  }

  @Test
  void deltaFilterReturnsOnlyRecordsChangedAfterTheTimestamp() {
    String since =
        sandbox
            .store("Equipment")
            .get("10009000|9999-12-31")
            .orElseThrow()
            .get("LastChangeDateTime")
            .toString();
    HttpResponse<String> r =
        client.get(
            V2
                + "/Equipment/$count?$filter=LastChangeDateTime%20gt%20datetimeoffset'"
                + since
                + "'");
    assertThat(r.body()).isEqualTo("999");
    JsonNode v4 =
        SapTestClient.json(
            client.get(
                V4 + "/Equipment?$count=true&$top=1&$filter=LastChangeDateTime%20ge%20" + since));
    assertThat(v4.get("@odata.count").asLong()).isEqualTo(1000);
    assertThat(v4.get("value").get(0).get("Equipment").asText()).isEqualTo("10009000");
  }

  @Test
  void rejectsAnUnknownSapClient() {
    HttpResponse<String> r = client.get(V2 + "/Equipment?$top=1&sap-client=999");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("999");
  }

  @Test
  void servesOtherEntitySetsAndMetadata() {
    JsonNode fl =
        SapTestClient.json(
                client.get(
                    SapSandbox.S4_FUNCTIONAL_LOCATION_V2
                        + "/FunctionalLocation"
                        + "?$top=2&$inlinecount=allpages"))
            .get("d");
    assertThat(fl.get("__count").asText()).isEqualTo("1000");
    JsonNode mo =
        SapTestClient.json(
                client.get(SapSandbox.S4_MAINTENANCE_ORDER_V2 + "/MaintenanceOrder('4000001')"))
            .get("d");
    assertThat(mo.get("MaintenanceOrderType").asText()).startsWith("PM0");
    assertThat(client.get(V2 + "/$metadata").body()).contains("EntityType Name=\"EquipmentType\"");
    assertThat(URI.create(sandbox.baseUri() + V2)).isNotNull();
  }
}
