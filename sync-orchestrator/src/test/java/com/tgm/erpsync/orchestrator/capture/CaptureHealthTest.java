package com.tgm.erpsync.orchestrator.capture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(CaptureHealthTest.CaptureEnabled.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class CaptureHealthTest {
  static final String SLOT = "cap_health_" + UUID.randomUUID().toString().substring(0, 8);

  /** The service's own capture, on a slot of this class, with a tiny lag warning threshold. */
  public static class CaptureEnabled implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "orchestrator.capture.enabled", "true",
          "orchestrator.capture.slot", SLOT,
          "orchestrator.capture.publication", SLOT,
          "orchestrator.capture.election-interval", "200ms",
          "orchestrator.capture.lag-warning", "1");
    }
  }

  @Inject ChangeCaptureService capture;

  @Test
  void showsTheLeaderItsSlotAndItsLagAndPublishesChanges() throws Exception {
    CaptureFixture.awaitTrue(
        () -> capture.role() == CaptureRole.LEADER && capture.lag().isPresent(),
        Duration.ofSeconds(30),
        "the service leads capture and has read its slot");
    CaptureFixture fixture = new CaptureFixture();
    try (TopicProbe changes = TopicProbe.open(TestInfrastructure.kafka(), Topics.TGM_CHANGES)) {
      long id;
      try (Connection jdbc = fixture.connect()) {
        CaptureFixture.awaitTrue(
            () -> capture.lag().map(SlotLag::active).orElse(false),
            Duration.ofSeconds(30),
            "the slot is streamed");
        id = fixture.insertCompany(jdbc, "Seen by the service");
      }
      changes.await(
          r -> r.key().equals(Topics.tgmRecordKey(EntityType.COMPANY, id)), Duration.ofSeconds(20));
    } finally {
      fixture.publisher.close();
    }

    JsonPath check =
        given()
            .when()
            .get("/q/health/ready")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .setRootPath("checks.find { it.name == '" + ChangeCaptureCheck.NAME + "' }");
    assertThat(check.getString("status")).isEqualTo("UP");
    assertThat(check.getString("data.role")).isEqualTo("LEADER");
    assertThat(check.getString("data.slot")).isEqualTo(SLOT);
    assertThat(check.getLong("data.lagBytes")).isGreaterThanOrEqualTo(0);
    assertThat(check.getLong("data.retainedBytes")).isGreaterThanOrEqualTo(0);
    // a lag warning of 1 byte: any WAL written since the last confirmation shows the warning
    try (Connection jdbc = new CaptureFixture().connect();
        Statement sql = jdbc.createStatement()) {
      sql.execute("SELECT pg_logical_emit_message(false, 'elsewhere', repeat('x', 10000))");
    }
    CaptureFixture.awaitTrue(
        () ->
            given()
                    .get("/q/health/ready")
                    .jsonPath()
                    .getString("checks.find { it.name == 'tgm-change-capture' }.data.warning")
                != null,
        Duration.ofSeconds(10),
        "the check warns about the lag");

    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("tgm_capture_slot_lag_bytes{slot=\"" + SLOT + "\"}"))
        .body(containsString("tgm_capture_slot_retained_bytes{slot=\"" + SLOT + "\"}"));
  }

  @AfterAll
  static void dropSlot() throws Exception {
    io.quarkus.arc.Arc.container().instance(ChangeCaptureService.class).get().stop();
    CaptureFixture fixture = new CaptureFixture();
    fixture.track(SLOT);
    fixture.close();
  }
}
