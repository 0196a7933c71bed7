package com.tgm.erpsync.connection;

import static com.tgm.erpsync.connection.ConnectionApiTest.CONNECTIONS;
import static com.tgm.erpsync.connection.ConnectionApiTest.GUIDE_STEP_1;
import static com.tgm.erpsync.connection.ConnectionApiTest.admin;
import static com.tgm.erpsync.connection.ConnectionApiTest.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The application log (logs/application.log; target/logs in tests) tells what happened to a
 * connection, greppable as the guide shows, and never contains a secret: not on create, update,
 * failed validation, test, or webhook secret rotation and reveal.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class SecretsNeverLoggedTest {
  private static final Path LOG = Path.of("target/logs/application.log");

  @Test
  void logsWhatHappenedAndNoSecret() throws Exception {
    String clientSecret = "cs-" + UUID.randomUUID();
    String newSecret = "cs2-" + UUID.randomUUID();
    String tokenSecret = "ts-" + UUID.randomUUID();
    String badSecret = "bad-" + UUID.randomUUID();
    List<String> revealed;
    try (FakeConnector connector =
        new FakeConnector(
            TestInfrastructure.kafka(),
            Topics.COMMANDS_SAP,
            c ->
                List.of(
                    new ConnectionTested(
                        MessageMeta.create(c.meta().correlationId()),
                        c.connectionId(),
                        ErpType.SAP_S4HANA,
                        false,
                        "SAP answered 401 Unauthorized",
                        ErrorCode.AUTH_FAILED,
                        Instant.now(),
                        7)))) {
      long id =
          create(
              GUIDE_STEP_1
                  .replace("Production SAP", "Logged SAP")
                  .replace("your-client-secret", clientSecret));
      admin()
          .body("{\"clientSecret\":\"" + newSecret + "\"}")
          .put(CONNECTIONS + "/" + id)
          .then()
          .statusCode(200);
      admin()
          .body(
              "{\"name\":\"\",\"erpType\":\"SAP_S4HANA\",\"authType\":\"OAUTH2\",\"clientSecret\":\""
                  + badSecret
                  + "\"}")
          .post(CONNECTIONS)
          .then()
          .statusCode(400);
      admin()
          .body("{\"clientSecret\": " + badSecret + "}")
          .post(CONNECTIONS)
          .then()
          .statusCode(400);
      long netsuite =
          create(
              "{\"name\":\"Logged NetSuite\",\"erpType\":\"ORACLE_NETSUITE\",\"authType\":"
                  + "\"TOKEN_BASED\",\"connectionSettings\":{\"accountId\":\"1_SB1\","
                  + "\"consumerKey\":\"k\",\"consumerSecret\":\"s\",\"tokenId\":\"t\","
                  + "\"tokenSecret\":\""
                  + tokenSecret
                  + "\"}}");
      admin().post(CONNECTIONS + "/" + id + "/test").then().statusCode(200);
      String webhook =
          admin()
              .get(CONNECTIONS + "/" + id + "/webhook-secret")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("webhookSecret");
      String rotated =
          admin()
              .post(CONNECTIONS + "/" + id + "/webhook-secret/rotate")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("webhookSecret");
      revealed = List.of(webhook, rotated);

      String log = Files.readString(LOG, StandardCharsets.UTF_8);
      assertThat(log)
          .doesNotContain(clientSecret, newSecret, tokenSecret, badSecret)
          .doesNotContain(revealed);
      List<String> lines = log.lines().toList();
      assertThat(lines)
          .filteredOn(l -> l.contains("ErpSync") && l.contains("ERP connection " + id + " "))
          .extracting(l -> l.replaceAll(".*ERP connection " + id + " ", ""))
          .anyMatch(l -> l.startsWith("'Logged SAP' (SAP_S4HANA) created"))
          .anyMatch(l -> l.startsWith("'Logged SAP' updated to version 2"))
          .anyMatch(l -> l.startsWith("test failed: SAP answered 401 Unauthorized"))
          .anyMatch(l -> l.startsWith("webhook secret rotated"));
      assertThat(lines).anyMatch(l -> l.contains("ERP connection " + netsuite + " "));
      assertThat(lines).allMatch(l -> !l.contains("ERP connection") || l.contains("ERP"));
    }
  }
}
