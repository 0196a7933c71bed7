package com.tgm.erpsync.connection.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tgm.erpsync.connection.edge.FakeDownstream.Answer;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SyncOrchestrator#scheduleState} over real HTTP to a fake sync-orchestrator. */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = FakeDownstreamResource.class,
    initArgs = @ResourceArg(name = FakeDownstreamResource.READ_TIMEOUT, value = "1000"))
class EdgeScheduleStateTest {
  private static final String STATE = "/api/internal/erp/connections/7/schedule-state";

  @InjectFakeDownstreams FakeDownstreams downstream;
  @Inject SyncOrchestrator orchestrator;

  @BeforeEach
  void reset() {
    downstream.reset();
  }

  @Test
  void readsTheOrchestratorsScheduleState() {
    downstream
        .syncOrchestrator()
        .answer(
            "GET",
            STATE,
            Answer.json(
                200,
                """
                {"lastFullSync": "2024-01-14T00:00:00", "lastIncrementalSync": "2024-01-15T09:00:00",
                 "nextScheduledSync": "2024-01-15T10:00:00", "activeJobsCount": 2,
                 "activeJobIds": [123, 125]}
                """));

    ScheduleState state = orchestrator.scheduleState(7);

    assertThat(state)
        .isEqualTo(
            new ScheduleState(
                LocalDateTime.parse("2024-01-14T00:00:00"),
                LocalDateTime.parse("2024-01-15T09:00:00"),
                LocalDateTime.parse("2024-01-15T10:00:00"),
                2,
                List.of(123L, 125L)));
    assertThat(downstream.syncOrchestrator().lastRequest().method()).isEqualTo("GET");
  }

  @Test
  void readsAStateWithoutJobsAsNullsAndNoIds() {
    downstream
        .syncOrchestrator()
        .answer(
            "GET",
            STATE,
            Answer.json(
                200,
                """
                {"lastFullSync": null, "lastIncrementalSync": null, "nextScheduledSync": null,
                 "activeJobsCount": 0, "activeJobIds": []}
                """));

    assertThat(orchestrator.scheduleState(7))
        .isEqualTo(new ScheduleState(null, null, null, 0, List.of()));
  }

  @Test
  void throwsUnavailableWhenTheOrchestratorIsDown() {
    downstream.syncOrchestrator().goDown();

    assertThatThrownBy(() -> orchestrator.scheduleState(7))
        .isInstanceOf(DownstreamUnavailableException.class)
        .hasMessage("sync-orchestrator is unreachable: connection refused")
        .extracting(e -> ((DownstreamException) e).service())
        .isEqualTo("sync-orchestrator");
  }

  @Test
  void throwsUnavailableWhenTheOrchestratorFails() {
    downstream.syncOrchestrator().answer("GET", STATE, Answer.json(500, "{}"));

    assertThatThrownBy(() -> orchestrator.scheduleState(7))
        .isInstanceOf(DownstreamUnavailableException.class)
        .hasMessage("sync-orchestrator is unreachable: it answered HTTP 500");
  }

  @Test
  void throwsUnavailableWhenTheOrchestratorAnswersTooLate() {
    downstream
        .syncOrchestrator()
        .answer("GET", STATE, Answer.json(200, "{}").after(Duration.ofSeconds(5)));

    assertThatThrownBy(() -> orchestrator.scheduleState(7))
        .isInstanceOf(DownstreamUnavailableException.class)
        .isInstanceOf(DownstreamTimeoutException.class)
        .hasMessageStartingWith("sync-orchestrator did not answer within 1000 ms");
  }

  @Test
  void throwsFailureWhenTheOrchestratorRefusesOrAnswersGarbage() {
    downstream.syncOrchestrator().answer("GET", STATE, Answer.json(401, ""));
    assertThatThrownBy(() -> orchestrator.scheduleState(7))
        .isInstanceOf(DownstreamFailureException.class)
        .hasMessage(
            "sync-orchestrator failed: it answered HTTP 401 for the schedule state of connection"
                + " 7");

    downstream.syncOrchestrator().answer("GET", STATE, Answer.json(200, "{\"activeJobsCount\":"));
    assertThatThrownBy(() -> orchestrator.scheduleState(7))
        .isInstanceOf(DownstreamFailureException.class)
        .hasMessage("sync-orchestrator failed: its schedule state of connection 7 is unreadable");
  }
}
