package com.tgm.erpsync.orchestrator.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.tgm.erpsync.orchestrator.jobs.JobDetail;
import java.time.Instant;
import java.util.List;

/**
 * The guide's "detailed job info with error logs": every field of the job, then one page of its
 * error logs ({@code errorsPage}, {@code errorsSize} as asked) and how many it has in all.
 */
public record JobDetailView(
    @JsonUnwrapped JobView job,
    List<ErrorLogView> errorLogs,
    long errorLogsTotal,
    int errorsPage,
    int errorsSize) {

  static JobDetailView of(JobDetail detail, Instant now) {
    return new JobDetailView(
        JobView.of(detail.job(), now),
        detail.errorLogs().items().stream().map(ErrorLogView::of).toList(),
        detail.errorLogs().total(),
        detail.errorLogs().page(),
        detail.errorLogs().size());
  }
}
