package com.tgm.erpsync.orchestrator.capture;

/** What this replica does for change capture: only the leader streams the replication slot. */
public enum CaptureRole {
  /** Holds the capture lock and streams the slot. */
  LEADER,
  /** Waits for the lock; takes over when the leader's database session ends. */
  STANDBY,
  /** Capture is switched off on this replica (orchestrator.capture.enabled=false). */
  DISABLED
}
