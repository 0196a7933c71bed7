package com.tgm.erpsync.sandbox.core.b1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.SandboxOptions;
import com.tgm.erpsync.sandbox.core.SapSandbox;
import com.tgm.erpsync.sandbox.core.journal.JournalFilter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service Layer reads, paging, filters and writes of BusinessPartners and Items. */
class ServiceLayerDataTest {

  private static final int PARTNERS = 1_000;
  private static SapSandbox sandbox;
  private B1TestClient v1;
  private B1TestClient v2;

  @BeforeAll
  static void start() {
    sandbox =
        SapSandbox.start(
            SandboxOptions.builder()
                .equipmentCount(10)
                .eccHttpsPort(-1)
                .businessPartnerCount(PARTNERS)
                .itemCount(1_000_000)
                .build());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void freshSandbox() {
    sandbox.reset();
    login();
  }

  private void login() {
    v1 = new B1TestClient(sandbox.baseUri(), SapSandbox.B1_V1);
    v2 = new B1TestClient(sandbox.baseUri(), SapSandbox.B1_V2);
    v1.login();
    v2.cookies(v1.cookies());
  }

  @Test
  void pagesTwentyRecordsByDefaultWithARelativeV1NextLinkAndTheCount() {
    HttpResponse<String> r = v1.get("BusinessPartners?$inlinecount=allpages");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = B1TestClient.json(r);
    assertThat(body.path("odata.metadata").asText())
        .isEqualTo(sandbox.baseUri() + "/b1s/v1/$metadata#BusinessPartners");
    assertThat(body.path("odata.count").asLong()).isEqualTo(PARTNERS);
    assertThat(body.path("value")).hasSize(20);
    assertThat(body.path("odata.nextLink").asText())
        .isEqualTo("BusinessPartners?$inlinecount=allpages&$skip=20");
    JsonNode first = body.path("value").get(0);
    assertThat(first.path("CardCode").asText()).isEqualTo("C000001");
    assertThat(first.path("CardType").asText()).isEqualTo("cCustomer");
    assertThat(first.path("odata.etag").asText()).startsWith("W/\"");
    assertThat(first.path("UpdateDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(first.path("UpdateTime").asText()).matches("\\d{2}:\\d{2}:\\d{2}");
    assertThat(body.has("@odata.nextLink")).isFalse();
  }

  @Test
  void followsV2NextLinksWithMaxPageSizeToEveryRecordExactlyOnce() {
    Set<String> codes = new HashSet<>();
    String next = "BusinessPartners?$select=CardCode,CardName&$count=true";
    int requests = 0;
    Long count = null;
    while (next != null) {
      HttpResponse<String> r =
          v2.send(v2.request(next).header("Prefer", "odata.maxpagesize=100").GET().build());
      requests++;
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Preference-Applied")).hasValue("odata.maxpagesize=100");
      JsonNode body = B1TestClient.json(r);
      if (count == null) {
        count = body.path("@odata.count").asLong();
      }
      for (JsonNode partner : body.path("value")) {
        assertThat(codes.add(partner.path("CardCode").asText())).isTrue();
        assertThat(partner.has("Phone1")).isFalse();
      }
      next = body.has("@odata.nextLink") ? body.path("@odata.nextLink").asText() : null;
      assertThat(body.has("odata.nextLink")).isFalse();
    }
    assertThat(count).isEqualTo(PARTNERS);
    assertThat(codes).hasSize(PARTNERS).contains("C000800", "V000001", "V000200");
    // a full last page still carries a next link, answered by an empty page
    assertThat(requests).isEqualTo(PARTNERS / 100 + 1);
  }

  @Test
  void topIsHonouredAcrossPagesAndTheLinkRepeatsTheQuery() {
    HttpResponse<String> r =
        v1.send(
            v1.request("Items?$top=50&$orderby=ItemCode")
                .header("Prefer", "odata.maxpagesize=20")
                .GET()
                .build());
    JsonNode body = B1TestClient.json(r);
    assertThat(body.path("value")).hasSize(20);
    assertThat(body.path("odata.nextLink").asText())
        .isEqualTo("Items?$orderby=ItemCode&$top=30&$skip=20");
    JsonNode fits = B1TestClient.json(v1.get("Items?$top=5"));
    assertThat(fits.path("value")).hasSize(5);
    assertThat(fits.has("odata.nextLink")).isFalse();
  }

  @Test
  void aMillionItemsArePagedWithoutMaterialisingThem() {
    JsonNode last = B1TestClient.json(v2.get("Items?$skip=999990&$count=true"));
    assertThat(last.path("@odata.count").asLong()).isEqualTo(1_000_000);
    assertThat(last.path("value")).hasSize(10);
    assertThat(last.path("value").get(9).path("ItemCode").asText()).isEqualTo("A1000000");
    assertThat(last.path("value").get(9).path("UpdateDate").asText()).endsWith("T00:00:00Z");
    assertThat(v2.get("Items/$count").body()).isEqualTo("1000000");
  }

  @Test
  void filtersOnTheKeyAndOnUpdateDate() {
    JsonNode one = B1TestClient.json(v1.get("BusinessPartners?$filter=CardCode%20eq%20'C000007'"));
    assertThat(one.path("value")).hasSize(1);
    assertThat(one.path("value").get(0).path("CardCode").asText()).isEqualTo("C000007");

    String date =
        B1TestClient.json(v1.get("BusinessPartners('C000500')")).path("UpdateDate").asText();
    JsonNode since =
        B1TestClient.json(
            v1.get("BusinessPartners/$count?$filter=UpdateDate%20ge%20'" + date + "'"));
    long count =
        Long.parseLong(
            v1.get("BusinessPartners/$count?$filter=UpdateDate%20ge%20'" + date + "'").body());
    assertThat(since.asLong()).isEqualTo(count);
    // seeded records change one a minute: a day holds at most 1,440 of them
    assertThat(count).isBetween((long) PARTNERS - 500, (long) PARTNERS);
    JsonNode page =
        B1TestClient.json(
            v1.get(
                "BusinessPartners?$filter=UpdateDate%20ge%20'"
                    + date
                    + "'%20and%20UpdateTime%20ge%20'00:00:00'&$inlinecount=allpages"));
    assertThat(page.path("odata.count").asLong()).isEqualTo(count);
    for (JsonNode partner : page.path("value")) {
      assertThat(LocalDate.parse(partner.path("UpdateDate").asText()))
          .isAfterOrEqualTo(LocalDate.parse(date));
    }
  }

  @Test
  void refusesUnknownPropertiesAndFiltersInBothForms() {
    HttpResponse<String> v1Bad = v1.get("Items?$filter=NoSuchField%20eq%20'x'");
    assertThat(v1Bad.statusCode()).isEqualTo(400);
    JsonNode e1 = B1TestClient.json(v1Bad).path("error");
    assertThat(e1.path("code").asInt()).isEqualTo(201);
    assertThat(e1.path("message").path("value").asText())
        .isEqualTo("Property 'NoSuchField' is invalid");

    HttpResponse<String> v2Bad = v2.get("Items?$filter=ItemCode%20startswith%20'A'");
    assertThat(v2Bad.statusCode()).isEqualTo(400);
    JsonNode e2 = B1TestClient.json(v2Bad).path("error");
    assertThat(e2.path("code").asText()).isEqualTo("201");
    assertThat(e2.path("message").asText())
        .isEqualTo("Query string error - Invalid filter condition");
  }

  @Test
  void readsByKeyAndAnswersAMissingKeyWith2028() {
    HttpResponse<String> r = v2.get("BusinessPartners('V000010')");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode partner = B1TestClient.json(r);
    assertThat(partner.path("@odata.context").asText())
        .endsWith("/b1s/v2/$metadata#BusinessPartners/$entity");
    assertThat(partner.path("CardType").asText()).isEqualTo("cSupplier");
    assertThat(partner.path("@odata.etag").asText())
        .isEqualTo(r.headers().firstValue("ETag").get());

    HttpResponse<String> missing = v1.get("BusinessPartners('NOPE')");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(B1TestClient.json(missing).path("error").path("code").asInt()).isEqualTo(-2028);
  }

  @Test
  void createsUpdatesAndDeletesABusinessPartner() {
    sandbox.clock().advance(Duration.ofDays(3000));
    login(); // the long pause ended the session
    HttpResponse<String> created =
        v1.send(
            "POST",
            "BusinessPartners",
            "{\"CardCode\":\"TGM0001\",\"CardName\":\"Harbour Pumps\",\"CardType\":\"cCustomer\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode entity = B1TestClient.json(created);
    assertThat(entity.path("odata.metadata").asText())
        .endsWith("/b1s/v1/$metadata#BusinessPartners/@Element");
    assertThat(entity.path("CardName").asText()).isEqualTo("Harbour Pumps");
    assertThat(entity.path("UpdateDate").asText())
        .isEqualTo(
            LocalDate.ofInstant(sandbox.clock().instant(), java.time.ZoneOffset.UTC).toString());
    assertThat(created.headers().firstValue("Location"))
        .hasValue(sandbox.baseUri() + "/b1s/v1/BusinessPartners('TGM0001')");

    HttpResponse<String> duplicate =
        v2.send("POST", "BusinessPartners", "{\"CardCode\":\"TGM0001\",\"CardName\":\"Again\"}");
    assertThat(duplicate.statusCode()).isEqualTo(400);
    JsonNode dup = B1TestClient.json(duplicate).path("error");
    assertThat(dup.path("code").asText()).isEqualTo("-10");
    assertThat(dup.path("message").asText())
        .isEqualTo(
            "1320000140 - Business partner code 'TGM0001' already assigned to a business partner;"
                + " enter a unique business partner code");

    String etagBefore = entity.path("odata.etag").asText();
    sandbox.clock().advance(Duration.ofMinutes(5));
    HttpResponse<String> patched =
        v1.send("PATCH", "BusinessPartners('TGM0001')", "{\"Phone1\":\"+1-555-0100\"}");
    assertThat(patched.statusCode()).isEqualTo(204);
    assertThat(patched.body()).isEmpty();
    JsonNode after = B1TestClient.json(v1.get("BusinessPartners('TGM0001')"));
    assertThat(after.path("Phone1").asText()).isEqualTo("+1-555-0100");
    assertThat(after.path("CardName").asText()).isEqualTo("Harbour Pumps");
    assertThat(after.path("odata.etag").asText()).isNotEqualTo(etagBefore);
    assertThat(after.path("UpdateTime").asText()).isNotEqualTo(entity.path("UpdateTime").asText());

    assertThat(v1.send("DELETE", "BusinessPartners('TGM0001')", null).statusCode()).isEqualTo(204);
    HttpResponse<String> again = v2.send("DELETE", "BusinessPartners('TGM0001')", null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(B1TestClient.json(again).path("error").path("message").asText())
        .isEqualTo("Entity with value('TGM0001') does not exist");
    assertThat(sandbox.journal().count(JournalFilter.all().method("POST").status(201)))
        .isEqualTo(1);
  }

  @Test
  void aChangedSeededRecordIsFoundByTheDeltaFilter() {
    sandbox.clock().advance(Duration.ofDays(3000));
    login(); // the long pause ended the session
    String today =
        LocalDate.ofInstant(sandbox.clock().instant(), java.time.ZoneOffset.UTC).toString();
    v2.send("PATCH", "Items('A0000042')", "{\"QuantityOnStock\":7}");
    JsonNode changed = B1TestClient.json(v2.get("Items?$filter=UpdateDate%20ge%20'" + today + "'"));
    assertThat(changed.path("value")).hasSize(1);
    assertThat(changed.path("value").get(0).path("ItemCode").asText()).isEqualTo("A0000042");
    assertThat(changed.path("value").get(0).path("QuantityOnStock").asInt()).isEqualTo(7);
  }

  @Test
  void refusesUnknownPropertiesAndMissingKeysOnCreate() {
    HttpResponse<String> unknown =
        v1.send("POST", "Items", "{\"ItemCode\":\"X1\",\"NoSuchField\":1}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    JsonNode e = B1TestClient.json(unknown).path("error");
    assertThat(e.path("code").asInt()).isEqualTo(-1000);
    assertThat(e.path("message").path("value").asText())
        .isEqualTo("Property 'NoSuchField' of 'Item' is invalid");

    HttpResponse<String> keyless = v1.send("POST", "BusinessPartners", "{\"CardName\":\"X\"}");
    assertThat(keyless.statusCode()).isEqualTo(400);
    assertThat(B1TestClient.json(keyless).path("error").path("code").asInt()).isEqualTo(-5002);
    assertThat(sandbox.journal().count(JournalFilter.all().method("POST").status(201))).isZero();
  }

  @Test
  void theServiceRootListsTheEntitySets() {
    JsonNode root = B1TestClient.json(v1.get(""));
    assertThat(root.path("value").findValuesAsText("name")).contains("BusinessPartners", "Items");
    assertThat(URI.create(sandbox.baseUri() + SapSandbox.B1_V1).getPath()).isEqualTo("/b1s/v1");
  }
}
