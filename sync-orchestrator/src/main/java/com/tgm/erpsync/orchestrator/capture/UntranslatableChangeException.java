package com.tgm.erpsync.orchestrator.capture;

/** A captured event that cannot become a TgmRecordChanged; it is dead-lettered with the reason. */
public class UntranslatableChangeException extends RuntimeException {
  private final String key;

  UntranslatableChangeException(String key, String reason) {
    super(reason);
    this.key = key;
  }

  UntranslatableChangeException(String key, String reason, Throwable cause) {
    super(reason, cause);
    this.key = key;
  }

  /** The record key of the dead letter: {@code ENTITY:id} when known, else the source table. */
  public String key() {
    return key;
  }
}
