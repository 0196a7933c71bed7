package com.tgm.erpsync.orchestrator.service;

import com.tgm.erpsync.contracts.SyncMessage;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.orchestrator.repository.ProcessedMessageRepository;
import com.tgm.erpsync.orchestrator.sync.JobDriver;
import com.tgm.erpsync.orchestrator.sync.RealtimeSync;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Realtime changes a batch at a time, each batch in one transaction with its entries in the message
 * log (a redelivered change counts once), retried whole with backoff when that fails.
 */
@ApplicationScoped
public class RealtimeService {
  static final String TGM_CONSUMER = "tgm-changes";
  static final String ERP_CONSUMER = "erp-changes";

  private final ProcessedMessageRepository processed;
  private final RealtimeSync realtime;
  private final JobDriver driver;

  public RealtimeService(
      ProcessedMessageRepository processed, RealtimeSync realtime, JobDriver driver) {
    this.processed = processed;
    this.realtime = realtime;
    this.driver = driver;
  }

  @Retry(maxRetries = -1, delay = 200, maxDuration = 365, durationUnit = ChronoUnit.DAYS)
  @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
  public void tgmChanged(List<TgmRecordChanged> batch) {
    QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<TgmRecordChanged> fresh = fresh(TGM_CONSUMER, batch);
              if (!fresh.isEmpty()) {
                realtime.tgmChanged(fresh);
              }
              return null;
            });
    driver.wake();
  }

  @Retry(maxRetries = -1, delay = 200, maxDuration = 365, durationUnit = ChronoUnit.DAYS)
  @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
  public void erpChanged(List<ErpChangeNotification> batch) {
    QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<ErpChangeNotification> fresh = fresh(ERP_CONSUMER, batch);
              if (!fresh.isEmpty()) {
                realtime.erpChanged(fresh);
              }
              return null;
            });
    driver.wake();
  }

  private <T extends SyncMessage> List<T> fresh(String consumer, List<T> batch) {
    List<T> fresh = new ArrayList<>(batch.size());
    for (T message : batch) {
      if (processed.markProcessed(consumer, message.meta().messageId())) {
        fresh.add(message);
      } else {
        Log.debugf("ErpSync change %s seen before, skipped", message.meta().messageId());
      }
    }
    return fresh;
  }
}
