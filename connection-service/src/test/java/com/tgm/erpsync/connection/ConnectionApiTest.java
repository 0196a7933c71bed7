package com.tgm.erpsync.connection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connection.edge.FakeDownstreamResource;
import com.tgm.erpsync.connection.vault.CredentialVault;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = FakeDownstreamResource.class)
class ConnectionApiTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  static final String CONNECTIONS = "/api/admin/erp/connections";

  /** The guide's Step 1 body, as written. */
  static final String GUIDE_STEP_1 =
      """
      {
        "name": "Production SAP",
        "description": "Main SAP S/4HANA system",
        "erpType": "SAP_S4HANA",
        "authType": "OAUTH2",
        "baseUrl": "https://my-sap-system.example.com/sap/opu/odata4/sap",
        "clientId": "your-client-id",
        "clientSecret": "your-client-secret",
        "sapClient": "100",
        "sapSystemId": "PRD",
        "sapLanguage": "EN",
        "enabled": true,
        "syncEnabled": true,
        "syncDirection": "BIDIRECTIONAL",
        "syncIntervalMinutes": 60,
        "webhookEnabled": true
      }
      """;

  @Inject AgroalDataSource dataSource;
  @Inject CredentialVault vault;
  @Inject ObjectMapper mapper;

  private TopicProbe published;

  @BeforeEach
  void watchTopic() {
    published = TopicProbe.open(TestInfrastructure.kafka(), Topics.CONNECTIONS);
  }

  @AfterEach
  void closeProbe() {
    published.close();
  }

  @Test
  void createsTheGuidesStepOneConnection() {
    var created =
        admin()
            .body(GUIDE_STEP_1)
            .post(CONNECTIONS)
            .then()
            .statusCode(201)
            .body("name", equalTo("Production SAP"))
            .body("erpType", equalTo("SAP_S4HANA"))
            .body("authType", equalTo("OAUTH2"))
            .body("clientId", equalTo("your-client-id"))
            .body("clientSecret", equalTo("********"))
            .body("sapClient", equalTo("100"))
            .body("syncDirection", equalTo("BIDIRECTIONAL"))
            .body("webhookEnabled", equalTo(true))
            .body("configuredSecrets", hasItems("clientSecret", "webhookSecret"))
            .body("connectionStatus", equalTo("UNTESTED"))
            .body("version", equalTo(1))
            .extract();
    long id = created.jsonPath().getLong("id");
    assertThat(created.header("Location")).endsWith(CONNECTIONS + "/" + id);

    admin()
        .get(CONNECTIONS + "/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Production SAP"));
    admin().get(CONNECTIONS).then().statusCode(200).body("id", hasItem((int) id));
  }

  static Stream<String> guideErpSpecificExamples() {
    return Stream.of(
        """
        {"name": "SAP S/4HANA Production", "erpType": "SAP_S4HANA", "authType": "OAUTH2",
         "baseUrl": "https://my-s4hana.example.com/sap/opu/odata4/sap",
         "clientId": "your-oauth-client-id", "clientSecret": "your-oauth-client-secret",
         "sapClient": "100", "sapSystemId": "PRD", "sapInstanceNumber": "00", "sapLanguage": "EN",
         "connectionSettings": {"oauthTokenUrl": "https://my-s4hana.example.com/sap/bc/sec/oauth2/token"}}
        """,
        """
        {"name": "Dynamics 365 BC", "erpType": "DYNAMICS_365_BC", "authType": "OAUTH2",
         "dynamicsTenantId": "your-azure-tenant-id", "dynamicsEnvironment": "production",
         "dynamicsCompanyId": "your-company-guid", "clientId": "your-azure-app-client-id",
         "clientSecret": "your-azure-app-client-secret", "connectionSettings": {"apiVersion": "v2.0"}}
        """,
        """
        {"name": "Dynamics 365 F&O", "erpType": "DYNAMICS_365_FO", "authType": "OAUTH2",
         "dynamicsTenantId": "your-azure-tenant-id", "dynamicsEnvironment": "your-environment-name",
         "clientId": "your-azure-app-client-id", "clientSecret": "your-azure-app-client-secret",
         "connectionSettings": {"resource": "https://your-environment.operations.dynamics.com"}}
        """,
        """
        {"name": "Oracle Cloud ERP", "erpType": "ORACLE_CLOUD", "authType": "OAUTH2",
         "oracleInstanceUrl": "https://your-instance.fa.us2.oraclecloud.com",
         "oracleIdentityDomain": "your-identity-domain", "clientId": "your-oracle-client-id",
         "clientSecret": "your-oracle-client-secret", "connectionSettings": {"apiVersion": "v1"}}
        """,
        """
        {"name": "NetSuite Production", "erpType": "ORACLE_NETSUITE", "authType": "OAUTH2",
         "baseUrl": "https://your-account-id.suitetalk.api.netsuite.com",
         "connectionSettings": {"accountId": "your-account-id", "consumerKey": "your-consumer-key",
           "consumerSecret": "your-consumer-secret", "tokenId": "your-token-id",
           "tokenSecret": "your-token-secret"}}
        """);
  }

  @ParameterizedTest
  @MethodSource("guideErpSpecificExamples")
  void createsEveryErpSpecificExampleOfTheGuide(String body) {
    admin().body(body).post(CONNECTIONS).then().statusCode(201).body("id", notNullValue());
  }

  @Test
  void masksSecretsInsideConnectionSettings() {
    String body =
        """
        {"name": "NetSuite TBA", "erpType": "ORACLE_NETSUITE", "authType": "TOKEN_BASED",
         "connectionSettings": {"accountId": "123456_SB1", "consumerKey": "ck-value",
           "consumerSecret": "cs-value", "tokenId": "ti-value", "tokenSecret": "ts-value"}}
        """;
    String response =
        admin().body(body).post(CONNECTIONS).then().statusCode(201).extract().asString();

    assertThat(response).doesNotContain("ck-value", "cs-value", "ti-value", "ts-value");
    assertThat(response).contains("\"accountId\":\"123456_SB1\"", "\"tokenSecret\":\"********\"");
  }

  @Test
  void storesAndPublishesSecretsOnlyEncrypted() throws Exception {
    String secret = "plain-" + UUID.randomUUID();
    long id =
        create(
            GUIDE_STEP_1
                .replace("Production SAP", "Vault SAP")
                .replace("your-client-secret", secret));

    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT row_to_json(c)::text FROM erp_connection c WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        assertThat(row.getString(1)).doesNotContain(secret).contains("AES-256-GCM");
      }
    }
    ConsumerRecord<String, String> record =
        published.await(r -> String.valueOf(id).equals(r.key()), WAIT);
    assertThat(record.value()).doesNotContain(secret);
    ConnectionSnapshot snapshot = mapper.readValue(record.value(), ConnectionSnapshot.class);
    assertThat(
            vault.decrypt(
                snapshot.secrets().get(ConnectionSnapshot.CLIENT_SECRET),
                "connection:" + id + ":clientSecret"))
        .isEqualTo(secret);
  }

  @Test
  void publishesExactlyOneSnapshotPerCommittedChangeInOrderAndATombstoneOnDelete()
      throws Exception {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Lifecycle SAP"));
    admin()
        .body("{\"description\":\"changed\"}")
        .put(CONNECTIONS + "/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
    admin().body("{\"syncIntervalMinutes\":0}").put(CONNECTIONS + "/" + id).then().statusCode(400);
    admin()
        .post(CONNECTIONS + "/" + id + "/disable")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false));
    admin().delete(CONNECTIONS + "/" + id).then().statusCode(204);

    List<ConsumerRecord<String, String>> records =
        published.awaitCount(r -> String.valueOf(id).equals(r.key()), 4, WAIT);
    List<ConsumerRecord<String, String>> all =
        published.drain(r -> String.valueOf(id).equals(r.key()), Duration.ofSeconds(2));
    assertThat(all).hasSize(4);
    assertThat(snapshot(records.get(0)).version()).isEqualTo(1);
    assertThat(snapshot(records.get(1)).description()).isEqualTo("changed");
    assertThat(snapshot(records.get(2)).enabled()).isFalse();
    assertThat(snapshot(records.get(2)).version()).isEqualTo(3);
    assertThat(records.get(3).value()).isNull();
    admin()
        .get(CONNECTIONS + "/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void keepsASecretThatAnUpdateLeavesOutOrSendsBackMasked() throws Exception {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Keep SAP"));
    admin()
        .body("{\"clientSecret\":\"********\",\"clientId\":\"other\"}")
        .put(CONNECTIONS + "/" + id)
        .then()
        .statusCode(200);
    admin()
        .body("{\"clientSecret\":\"rotated-secret\"}")
        .put(CONNECTIONS + "/" + id)
        .then()
        .statusCode(200);

    List<ConsumerRecord<String, String>> records =
        published.awaitCount(r -> String.valueOf(id).equals(r.key()), 3, WAIT);
    String context = "connection:" + id + ":clientSecret";
    assertThat(vault.decrypt(snapshot(records.get(1)).secrets().get("clientSecret"), context))
        .isEqualTo("your-client-secret");
    assertThat(snapshot(records.get(1)).clientId()).isEqualTo("other");
    assertThat(vault.decrypt(snapshot(records.get(2)).secrets().get("clientSecret"), context))
        .isEqualTo("rotated-secret");
  }

  private ConnectionSnapshot snapshot(ConsumerRecord<String, String> record) throws Exception {
    return mapper.readValue(record.value(), ConnectionSnapshot.class);
  }

  static long create(String body) {
    return admin()
        .body(body)
        .post(CONNECTIONS)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  static RequestSpecification admin() {
    return given().auth().oauth2(AdminTokens.admin("alice")).contentType("application/json");
  }
}
