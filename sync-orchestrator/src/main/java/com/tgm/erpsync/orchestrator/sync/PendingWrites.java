package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.command.RecordWrite;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes one feed step decided on, sent as commands of up to the mapping's {@code batchSize}
 * writes each (an {@code UpsertRecords} the connector sends as one OData {@code $batch}, or an
 * {@code UpsertRecord} for a single write) and of at most {@link #MAX_COMMAND_BYTES} of encoded
 * writes, well inside the broker's message size limit. Sent in the step's transaction like every
 * command.
 */
final class PendingWrites {
  /** Encoded writes per command at most; a single larger write still goes, alone. */
  static final int MAX_COMMAND_BYTES = 512 * 1024;

  private final CommandSender sender;
  private final SyncJob job;
  private final SyncTask task;
  private final ErpType erpType;
  private final int batchSize;
  private final List<RecordWrite> writes = new ArrayList<>();
  private long bytes;

  PendingWrites(CommandSender sender, SyncJob job, SyncTask task, ErpType erpType, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
    }
    this.sender = sender;
    this.job = job;
    this.task = task;
    this.erpType = erpType;
    this.batchSize = batchSize;
  }

  void add(RecordWrite write) {
    int size = sender.encodedSize(write);
    if (!writes.isEmpty() && bytes + size > MAX_COMMAND_BYTES) {
      flush();
    }
    writes.add(write);
    bytes += size;
    if (writes.size() >= batchSize) {
      flush();
    }
  }

  /** Sends what is pending. */
  void flush() {
    if (!writes.isEmpty()) {
      sender.upsert(job, task, erpType, List.copyOf(writes));
      writes.clear();
      bytes = 0;
    }
  }
}
