package com.tgm.erpsync.connection;

import static com.tgm.erpsync.connection.ConnectionApiTest.CONNECTIONS;
import static com.tgm.erpsync.connection.ConnectionApiTest.GUIDE_STEP_1;
import static com.tgm.erpsync.connection.ConnectionApiTest.admin;
import static com.tgm.erpsync.connection.ConnectionApiTest.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.AdminTokens;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /connections/{id}/test over real Kafka: the command goes to the family's topic, the answer
 * with the same correlation id comes back from erp.results, and the outcome is recorded. The
 * connectors are stood in for by {@link FakeConnector}, which answers as a connector would.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class ConnectionTestApiTest {
  /** What the fake connectors answer, per connection id; no entry: they stay silent. */
  private final Map<Long, Function<TestConnection, List<ConnectorResult>>> behaviour =
      new ConcurrentHashMap<>();

  private FakeConnector sap;
  private FakeConnector dynamics;

  @BeforeEach
  void startConnectors() {
    Function<TestConnection, List<ConnectorResult>> answers =
        command -> behaviour.getOrDefault(command.connectionId(), c -> List.of()).apply(command);
    sap = new FakeConnector(TestInfrastructure.kafka(), Topics.COMMANDS_SAP, answers);
    dynamics = new FakeConnector(TestInfrastructure.kafka(), Topics.COMMANDS_DYNAMICS, answers);
  }

  @AfterEach
  void stopConnectors() throws InterruptedException {
    sap.close();
    dynamics.close();
  }

  @Test
  void answersTheGuidesStepThreeAndRecordsTheConnectionAsConnected() {
    TopicProbe snapshots = TopicProbe.open(TestInfrastructure.kafka(), Topics.CONNECTIONS);
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Tested SAP"));
    behaviour.put(
        id,
        c ->
            List.of(
                tested(
                    c, ErpType.SAP_S4HANA, true, "Successfully connected to SAP S/4HANA", null)));

    // the guide's curl, as written: a bearer token and no body
    given()
        .header("Authorization", "Bearer " + AdminTokens.admin("alice"))
        .post(CONNECTIONS + "/" + id + "/test")
        .then()
        .statusCode(200)
        .body("connectionId", equalTo((int) id))
        .body("connectionName", equalTo("Tested SAP"))
        .body("erpType", equalTo("SAP_S4HANA"))
        .body("status", equalTo("success"))
        .body("message", equalTo("Successfully connected to SAP S/4HANA"))
        .body("testedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"))
        .body("errorCode", nullValue());

    admin()
        .get(CONNECTIONS + "/" + id)
        .then()
        .body("connectionStatus", equalTo("CONNECTED"))
        .body("lastTestedAt", notNullValue())
        .body("lastError", nullValue())
        .body("version", equalTo(1)); // a status is not configuration

    // one command, on the SAP family's topic, keyed by the connection, sent after the
    // connection's configuration was on erp.connections (so a connector can know it)
    List<FakeConnector.Received> commands =
        sap.received().stream().filter(r -> r.command().connectionId() == id).toList();
    assertThat(commands).hasSize(1);
    assertThat(commands.get(0).key()).isEqualTo(String.valueOf(id));
    ConsumerRecord<String, String> snapshot =
        snapshots.await(r -> String.valueOf(id).equals(r.key()), Duration.ofSeconds(10));
    assertThat(snapshot.timestamp()).isLessThanOrEqualTo(commands.get(0).timestamp());
    snapshots.close();
  }

  @Test
  void recordsAFailureTheConnectorReportsWithItsMessage() {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Wrong password SAP"));
    String why = "SAP answered 401 Unauthorized: client credentials rejected by the token endpoint";
    behaviour.put(
        id, c -> List.of(tested(c, ErpType.SAP_S4HANA, false, why, ErrorCode.AUTH_FAILED)));

    admin()
        .post(CONNECTIONS + "/" + id + "/test")
        .then()
        .statusCode(200)
        .body("status", equalTo("failure"))
        .body("message", equalTo(why))
        .body("errorCode", equalTo("AUTH_FAILED"));

    admin()
        .get(CONNECTIONS + "/" + id)
        .then()
        .body("connectionStatus", equalTo("ERROR"))
        .body("lastError", equalTo(why))
        .body("lastTestedAt", notNullValue());
  }

  @Test
  void ignoresAnswersToOtherRequests() {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Busy SAP"));
    behaviour.put(
        id,
        c ->
            List.of(
                // a late answer to an earlier test of the same connection comes first
                new ConnectionTested(
                    MessageMeta.create("an-earlier-test"),
                    id,
                    ErpType.SAP_S4HANA,
                    false,
                    "stale answer",
                    ErrorCode.ERP_UNAVAILABLE,
                    Instant.now(),
                    5),
                tested(
                    c, ErpType.SAP_S4HANA, true, "Successfully connected to SAP S/4HANA", null)));

    admin()
        .post(CONNECTIONS + "/" + id + "/test")
        .then()
        .statusCode(200)
        .body("status", equalTo("success"));
  }

  @Test
  void saysHonestlyThatNoConnectorAnswered() {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Nobody home SAP"));
    // no behaviour: the connector stays silent until the timeout (5 s in tests)

    admin()
        .post(CONNECTIONS + "/" + id + "/test")
        .then()
        .statusCode(200)
        .body("status", equalTo("failure"))
        .body("message", containsString("No answer from the SAP connector within 5 s"))
        .body("message", containsString("erp.commands.sap"))
        .body("message", containsString("not tested"));

    admin()
        .get(CONNECTIONS + "/" + id)
        .then()
        .body("connectionStatus", equalTo("ERROR"))
        .body("lastError", containsString("No answer"));
  }

  @Test
  void sendsTheCommandToTheConnectorOfTheErpsFamily() {
    long id =
        create(
            """
            {"name": "BC test", "erpType": "DYNAMICS_365_BC", "authType": "OAUTH2",
             "dynamicsTenantId": "tenant", "dynamicsEnvironment": "production",
             "dynamicsCompanyId": "company", "clientId": "app", "clientSecret": "app-secret"}
            """);
    behaviour.put(
        id,
        c ->
            List.of(
                tested(
                    c,
                    ErpType.DYNAMICS_365_BC,
                    true,
                    "Successfully connected to Dynamics 365 Business Central",
                    null)));

    admin()
        .post(CONNECTIONS + "/" + id + "/test")
        .then()
        .statusCode(200)
        .body("status", equalTo("success"))
        .body("erpType", equalTo("DYNAMICS_365_BC"));
    assertThat(dynamics.received()).anyMatch(r -> r.command().connectionId() == id);
    assertThat(sap.received()).noneMatch(r -> r.command().connectionId() == id);
  }

  @Test
  void doesNotTestADisabledConnection() {
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Switched off SAP"));
    admin().post(CONNECTIONS + "/" + id + "/disable").then().statusCode(200);
    behaviour.put(
        id, c -> List.of(tested(c, ErpType.SAP_S4HANA, true, "should not be asked", null)));

    admin()
        .post(CONNECTIONS + "/" + id + "/test")
        .then()
        .statusCode(200)
        .body("status", equalTo("failure"))
        .body("errorCode", equalTo("CONNECTION_DISABLED"))
        .body("message", containsString("is disabled"));
    assertThat(sap.received()).noneMatch(r -> r.command().connectionId() == id);
    admin().get(CONNECTIONS + "/" + id).then().body("connectionStatus", equalTo("UNTESTED"));
  }

  @Test
  void answers404ForAnUnknownConnection() {
    admin()
        .post(CONNECTIONS + "/987654/test")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private static ConnectorResult tested(
      TestConnection command, ErpType erpType, boolean success, String message, ErrorCode code) {
    return new ConnectionTested(
        MessageMeta.create(command.meta().correlationId()),
        command.connectionId(),
        erpType,
        success,
        message,
        code,
        Instant.now(),
        42);
  }
}
