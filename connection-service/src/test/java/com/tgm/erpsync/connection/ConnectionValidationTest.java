package com.tgm.erpsync.connection;

import static com.tgm.erpsync.connection.ConnectionApiTest.CONNECTIONS;
import static com.tgm.erpsync.connection.ConnectionApiTest.GUIDE_STEP_1;
import static com.tgm.erpsync.connection.ConnectionApiTest.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule: a 400 problem naming the field, and nothing stored or published. */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class ConnectionValidationTest {

  @Inject AgroalDataSource dataSource;

  private static String basic(String erpType, String extra) {
    return "{\"name\":\"Invalid "
        + erpType
        + "\",\"erpType\":\""
        + erpType
        + "\",\"authType\":\"BASIC\",\"baseUrl\":\"https://erp.example.com\","
        + "\"username\":\"svc\",\"password\":\"pw\""
        + extra
        + "}";
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of(
            "missing name", GUIDE_STEP_1.replace("\"name\": \"Production SAP\",", ""), "name"),
        Arguments.of("blank name", GUIDE_STEP_1.replace("Production SAP", "  "), "name"),
        Arguments.of("unknown erpType", GUIDE_STEP_1.replace("SAP_S4HANA", "SAP_R3"), "erpType"),
        Arguments.of(
            "unknown authType", GUIDE_STEP_1.replace("\"OAUTH2\"", "\"KERBEROS\""), "authType"),
        Arguments.of(
            "auth type the ERP does not accept",
            GUIDE_STEP_1.replace("SAP_S4HANA", "SAP_ECC"),
            "authType"),
        Arguments.of(
            "malformed baseUrl",
            GUIDE_STEP_1.replace(
                "https://my-sap-system.example.com/sap/opu/odata4/sap", "not a url"),
            "baseUrl"),
        Arguments.of(
            "baseUrl not http",
            GUIDE_STEP_1.replace("https://my-sap-system", "ftp://my-sap-system"),
            "baseUrl"),
        Arguments.of(
            "OAUTH2 without clientSecret",
            GUIDE_STEP_1.replace("\"clientSecret\": \"your-client-secret\",", ""),
            "clientSecret"),
        Arguments.of(
            "OAUTH2 without clientId",
            GUIDE_STEP_1.replace("\"clientId\": \"your-client-id\",", ""),
            "clientId"),
        Arguments.of(
            "BASIC without password",
            basic("SAP_ECC", "").replace(",\"password\":\"pw\"", ""),
            "password"),
        Arguments.of(
            "BASIC without username",
            basic("DYNAMICS_AX", "").replace("\"username\":\"svc\",", ""),
            "username"),
        Arguments.of(
            "missing baseUrl",
            basic("ORACLE_EBS", "").replace("\"baseUrl\":\"https://erp.example.com\",", ""),
            "baseUrl"),
        Arguments.of("bad sapClient", GUIDE_STEP_1.replace("\"100\"", "\"1000\""), "sapClient"),
        Arguments.of("bad sapLanguage", GUIDE_STEP_1.replace("\"EN\"", "\"ENG\""), "sapLanguage"),
        Arguments.of(
            "CERTIFICATE without certificate",
            "{\"name\":\"ECC"
                + " cert\",\"erpType\":\"SAP_ECC\",\"authType\":\"CERTIFICATE\",\"baseUrl\":\"https://ecc.example.com\"}",
            "certificate"),
        Arguments.of(
            "TOKEN_BASED without tokenSecret",
            "{\"name\":\"NS\",\"erpType\":\"ORACLE_NETSUITE\",\"authType\":\"TOKEN_BASED\",\"connectionSettings\":{\"accountId\":\"1\",\"consumerKey\":\"a\",\"consumerSecret\":\"b\",\"tokenId\":\"c\"}}",
            "connectionSettings.tokenSecret"),
        Arguments.of(
            "OCI without fingerprint",
            "{\"name\":\"OCI\",\"erpType\":\"ORACLE_CLOUD\",\"authType\":\"OCI\",\"oracleInstanceUrl\":\"https://x.fa.us2.oraclecloud.com\",\"privateKey\":\"k\",\"connectionSettings\":{\"tenancyOcid\":\"t\",\"userOcid\":\"u\"}}",
            "connectionSettings.fingerprint"),
        Arguments.of(
            "Business Central without company",
            "{\"name\":\"BC\",\"erpType\":\"DYNAMICS_365_BC\",\"authType\":\"OAUTH2\",\"dynamicsTenantId\":\"t\",\"dynamicsEnvironment\":\"production\",\"clientId\":\"c\",\"clientSecret\":\"s\"}",
            "dynamicsCompanyId"),
        Arguments.of(
            "interval below 1",
            GUIDE_STEP_1.replace("\"syncIntervalMinutes\": 60", "\"syncIntervalMinutes\": 0"),
            "syncIntervalMinutes"),
        Arguments.of(
            "negative retries",
            GUIDE_STEP_1.replace("\"enabled\": true", "\"enabled\": true, \"maxRetries\": -1"),
            "maxRetries"),
        Arguments.of(
            "rate limit 0",
            GUIDE_STEP_1.replace(
                "\"enabled\": true", "\"enabled\": true, \"rateLimitRequests\": 0"),
            "rateLimitRequests"),
        Arguments.of(
            "unknown syncDirection",
            GUIDE_STEP_1.replace("\"BIDIRECTIONAL\"", "\"SIDEWAYS\""),
            "syncDirection"),
        Arguments.of(
            "wrong JSON type",
            GUIDE_STEP_1.replace("\"enabled\": true", "\"enabled\": \"often\""),
            "enabled"),
        Arguments.of("not JSON", "{\"name\": ", "body"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBodies")
  void rejectsInvalidInputNamingTheFieldAndWritesNothing(String rule, String body, String field)
      throws Exception {
    long before = rows();

    Response response = admin().body(body).post(CONNECTIONS);

    assertThat(response.statusCode()).as(rule).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<Map<String, String>> errors = response.jsonPath().getList("errors");
    assertThat(errors).as(rule).extracting(e -> e.get("field")).contains(field);
    assertThat(response.asString()).doesNotContain("Exception", "com.tgm");
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void rejectsADuplicateNameRegardlessOfCase() throws Exception {
    ConnectionApiTest.create(GUIDE_STEP_1.replace("Production SAP", "Twin SAP"));
    long before = rows();

    Response response =
        admin().body(GUIDE_STEP_1.replace("Production SAP", "twin sap")).post(CONNECTIONS);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getList("errors.field", String.class)).containsExactly("name");
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void reportsEveryInvalidFieldAtOnce() {
    String body =
        "{\"name\":\"\",\"erpType\":\"SAP_ECC\",\"authType\":\"OAUTH2\",\"baseUrl\":\"nope\",\"syncIntervalMinutes\":0}";

    List<String> fields =
        admin()
            .body(body)
            .post(CONNECTIONS)
            .then()
            .statusCode(400)
            .extract()
            .jsonPath()
            .getList("errors.field", String.class);

    assertThat(fields).contains("name", "authType", "baseUrl", "syncIntervalMinutes");
  }

  @Test
  void publishesNothingForRejectedInput() {
    try (TopicProbe published = TopicProbe.open(TestInfrastructure.kafka(), Topics.CONNECTIONS)) {
      long before = ConnectionApiTest.create(GUIDE_STEP_1.replace("Production SAP", "Before SAP"));
      long first =
          published
              .await(r -> String.valueOf(before).equals(r.key()), Duration.ofSeconds(30))
              .offset();
      invalidBodies().forEach(args -> admin().body((String) args.get()[1]).post(CONNECTIONS));
      long after = ConnectionApiTest.create(GUIDE_STEP_1.replace("Production SAP", "After SAP"));

      published.await(r -> String.valueOf(after).equals(r.key()), Duration.ofSeconds(30));
      // the topic has one partition and the outbox keeps commit order: between the two markers
      // there is nothing
      assertThat(
              published.drain(
                  r -> r.offset() > first && !String.valueOf(after).equals(r.key()),
                  Duration.ofSeconds(1)))
          .isEmpty();
    }
  }

  private long rows() throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM erp_connection")) {
      result.next();
      return result.getLong(1);
    }
  }
}
