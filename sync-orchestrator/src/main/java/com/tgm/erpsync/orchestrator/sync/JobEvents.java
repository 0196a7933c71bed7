package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.event.SyncEvent;
import com.tgm.erpsync.contracts.event.SyncEventTypes;
import com.tgm.erpsync.orchestrator.config.OrchestratorConfig;
import com.tgm.erpsync.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public job lifecycle events (CloudEvents on erp.sync.events, keyed by connection), written
 * through the outbox in the transaction of the state change they announce: an event exists exactly
 * when its change committed.
 */
@ApplicationScoped
public class JobEvents {
  private final Outbox outbox;
  private final ObjectMapper mapper;
  private final OrchestratorConfig config;

  public JobEvents(Outbox outbox, ObjectMapper mapper, OrchestratorConfig config) {
    this.outbox = outbox;
    this.mapper = mapper;
    this.config = config;
  }

  public void started(SyncJob job) {
    publish(job, SyncEventTypes.JOB_STARTED, null, null);
  }

  public void progress(SyncJob job) {
    publish(job, SyncEventTypes.JOB_PROGRESS, null, null);
  }

  public void completed(SyncJob job) {
    publish(job, SyncEventTypes.JOB_COMPLETED, null, null);
  }

  public void failed(SyncJob job, String errorCode, String errorMessage) {
    publish(job, SyncEventTypes.JOB_FAILED, errorCode, errorMessage);
  }

  public void cancelled(SyncJob job) {
    publish(job, SyncEventTypes.JOB_CANCELLED, null, null);
  }

  /** Any event of this service, keyed by connection, through the outbox. */
  public void publish(long connectionId, SyncEvent event) {
    try {
      outbox.append(
          Topics.SYNC_EVENTS, Topics.connectionKey(connectionId), mapper.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode event " + event.type(), e);
    }
  }

  public String source() {
    return config.eventSource();
  }

  private void publish(SyncJob job, String type, String errorCode, String errorMessage) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("jobId", job.id);
    data.put("connectionId", job.connectionId);
    data.put("connectionName", job.connectionName);
    data.put("jobType", job.jobType.name());
    data.put("direction", job.direction.name());
    data.put("status", job.status.name());
    data.put("totalRecords", job.totalRecords);
    data.put("processedRecords", job.processed);
    data.put("successCount", job.success);
    data.put("errorCount", job.errors);
    data.put("skipCount", job.skipped);
    data.put("progressPercent", progressPercent(job));
    if (errorCode != null) {
      data.put("errorCode", errorCode);
      data.put("errorMessage", errorMessage);
    }
    publish(
        job.connectionId,
        SyncEvent.of(
            type, config.eventSource(), "sync-jobs/" + job.id, Long.toString(job.id), data));
  }

  /** 100 only once the job is completed; a running job shows at most 99. */
  static int progressPercent(SyncJob job) {
    if (job.status == com.tgm.erpsync.contracts.JobStatus.COMPLETED) {
      return 100;
    }
    if (job.totalRecords == null || job.totalRecords <= 0) {
      return 0;
    }
    long percent = job.processed * 100 / job.totalRecords;
    return (int) Math.max(0, Math.min(99, percent));
  }
}
