package com.tgm.erpsync.orchestrator.messaging;

import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.orchestrator.service.RealtimeService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes realtime changes a batch at a time: TGM row changes (tgm.changes) and verified ERP
 * change notifications (erp.changes). A record that cannot be decoded goes to the topic's
 * dead-letter topic with the reason, and the rest of its batch goes on.
 */
@ApplicationScoped
public class ChangeConsumer {
  public static final String TGM_CHANGES = "tgm-changes";
  public static final String ERP_CHANGES = "erp-changes";

  private final BatchDecoder decoder;
  private final RealtimeService realtime;

  public ChangeConsumer(BatchDecoder decoder, RealtimeService realtime) {
    this.decoder = decoder;
    this.realtime = realtime;
  }

  @Incoming(TGM_CHANGES)
  @Blocking
  public void tgmChanged(ConsumerRecords<String, String> records) {
    List<TgmRecordChanged> decoded = decoder.decode(records, TgmRecordChanged.class, "change");
    if (!decoded.isEmpty()) {
      realtime.tgmChanged(decoded);
    }
  }

  @Incoming(ERP_CHANGES)
  @Blocking
  public void erpChanged(ConsumerRecords<String, String> records) {
    List<ErpChangeNotification> decoded =
        decoder.decode(records, ErpChangeNotification.class, "change notification");
    if (!decoded.isEmpty()) {
      realtime.erpChanged(decoded);
    }
  }
}
