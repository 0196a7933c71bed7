package com.tgm.erpsync.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.JobStatus;
import com.tgm.erpsync.contracts.JobType;
import com.tgm.erpsync.contracts.SyncDirection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The figures a job view derives: progress, duration and its wording, the stale message. */
class SyncJobFiguresTest {
  private static final Instant START = Instant.parse("2024-01-15T10:30:00Z");

  @Test
  void writesDurationsAsTheGuideDoes() {
    assertThat(SyncJob.formatDuration(930_000L)).isEqualTo("15m 30s");
    assertThat(SyncJob.formatDuration(3_723_000L)).isEqualTo("1h 2m 3s");
    assertThat(SyncJob.formatDuration(3_605_000L)).isEqualTo("1h 0m 5s");
    assertThat(SyncJob.formatDuration(45_999L)).isEqualTo("45s");
    assertThat(SyncJob.formatDuration(999L)).isEqualTo("0s");
    assertThat(SyncJob.formatDuration(93_600_000L)).isEqualTo("26h 0m 0s");
    assertThat(SyncJob.formatDuration(null)).isNull();
  }

  @Test
  void countsProgressFromProcessedOfTotalAndFullOnceCompleted() {
    assertThat(job(JobStatus.RUNNING, 1000L, 450, null).progressPercent()).isEqualTo(45);
    assertThat(job(JobStatus.RUNNING, 3L, 2, null).progressPercent()).isEqualTo(66);
    assertThat(job(JobStatus.RUNNING, null, 450, null).progressPercent()).isZero();
    assertThat(job(JobStatus.RUNNING, 0L, 0, null).progressPercent()).isZero();
    assertThat(job(JobStatus.RUNNING, 10L, 12, null).progressPercent()).isEqualTo(99);
    assertThat(job(JobStatus.COMPLETED, null, 0, START).progressPercent()).isEqualTo(100);
    assertThat(job(JobStatus.FAILED, 1000L, 450, START).progressPercent()).isEqualTo(45);
  }

  @Test
  void measuresDurationToCompletionOrToNowWhileActive() {
    Instant now = START.plusSeconds(60);
    assertThat(job(JobStatus.COMPLETED, 1L, 1, START.plusSeconds(930)).durationMs(now))
        .isEqualTo(930_000L);
    assertThat(job(JobStatus.RUNNING, 1L, 0, null).durationMs(now)).isEqualTo(60_000L);
  }

  @Test
  void saysHowLongAStaleJobMadeNoProgress() {
    assertThat(StaleJobReaper.staleMessage(Duration.ofHours(2)))
        .isEqualTo("No progress for 2 hours: marked stale");
    assertThat(StaleJobReaper.staleMessage(Duration.ofMinutes(90)))
        .isEqualTo("No progress for 90 minutes: marked stale");
    assertThat(StaleJobReaper.staleMessage(Duration.ofHours(1)))
        .isEqualTo("No progress for 1 hour: marked stale");
    assertThat(StaleJobReaper.staleMessage(Duration.ofSeconds(45)))
        .isEqualTo("No progress for 45 seconds: marked stale");
  }

  private static SyncJob job(JobStatus status, Long total, long processed, Instant completedAt) {
    return new SyncJob(
        1,
        1,
        "Production SAP",
        JobType.FULL,
        SyncDirection.BIDIRECTIONAL,
        status,
        null,
        null,
        null,
        false,
        "alice",
        total,
        processed,
        processed,
        0,
        0,
        null,
        null,
        START,
        START,
        completedAt,
        START);
  }
}
