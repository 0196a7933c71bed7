package com.tgm.erpsync.orchestrator.rest;

import com.tgm.erpsync.orchestrator.jobs.JobCreated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes JobCreated as the job driver does: after the creating transaction committed. */
@ApplicationScoped
public class JobCreatedRecorder {
  private final List<Long> committed = new CopyOnWriteArrayList<>();

  void onJobCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobCreated created) {
    committed.add(created.jobId());
  }

  public List<Long> committed() {
    return List.copyOf(committed);
  }
}
