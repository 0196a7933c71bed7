package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.ErrorCode;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** A record that could not be synced: one error log entry, counted as an error of its job. */
@ApplicationScoped
public class RecordFailures {
  private final ErrorLogRepository errorLog;

  public RecordFailures(ErrorLogRepository errorLog) {
    this.errorLog = errorLog;
  }

  /**
   * @param erpKey the record's canonical ERP key, or null when it has none (yet)
   */
  public void record(
      SyncJob job,
      SyncTask task,
      Long tgmRecordId,
      String erpKey,
      ErrorCode code,
      String message,
      boolean retryable) {
    long index = job.failed();
    errorLog.add(
        job.id,
        new ErrorLogRepository.Entry(
            index,
            task.entityType,
            task.mappingId,
            task.direction,
            tgmRecordId,
            erpKey,
            code,
            message,
            retryable));
    Log.debugf(
        "ErpSync %s: record %s failed with %s: %s",
        task.describe(),
        tgmRecordId != null ? "TGM " + tgmRecordId : ErpKeys.display(erpKey),
        code,
        message);
  }
}
