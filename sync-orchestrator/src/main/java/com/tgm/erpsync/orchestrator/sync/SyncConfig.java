package com.tgm.erpsync.orchestrator.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the job driver paces, retries and reports the work of sync jobs. */
@ConfigMapping(prefix = "orchestrator.sync")
public interface SyncConfig {

  /** Pause between two passes of the driver when nothing wakes it earlier. */
  @WithDefault("1s")
  Duration tickInterval();

  /**
   * How far before the watermark an incremental sync starts reading, so records modified during the
   * previous run, or sharing its boundary timestamp, are read again; the ledger skips them if
   * unchanged.
   */
  @WithDefault("PT5M")
  Duration incrementalOverlap();

  /** How often a page the connector could not read (retryable) is asked for again. */
  @WithDefault("3")
  int pageRetries();

  /** Pause before the first retry of a page; doubled for each further one. */
  @WithDefault("2s")
  Duration pageRetryBackoff();

  /**
   * Most record commands of one connection sent and not answered yet (the back-pressure window).
   */
  @WithDefault("200")
  int maxInFlight();

  /** Most TGM rows (or error log entries) one feed step reads, so a transaction stays short. */
  @WithDefault("500")
  int feedChunk();

  /** A progress event is published after this many more records... */
  @WithDefault("1000")
  long progressEveryRecords();

  /** ...or after this much time with new records, whichever comes first. */
  @WithDefault("10s")
  Duration progressEvery();
}
