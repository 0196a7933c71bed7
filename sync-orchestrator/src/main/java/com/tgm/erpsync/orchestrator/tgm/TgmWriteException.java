package com.tgm.erpsync.orchestrator.tgm;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;

/**
 * A record TGM refused: a value that is no value of its field, or one a constraint of the TGM
 * database rejects. Nothing of the record was written and the caller's transaction is still usable,
 * so the batch goes on with the next record. The code is VALIDATION_ERROR, or CONFLICT when the
 * value is already taken by another record (a unique number, SKU or username).
 */
public class TgmWriteException extends RuntimeException {
  private final EntityType entity;
  private final ErrorCode errorCode;
  private final String field;

  public TgmWriteException(EntityType entity, ErrorCode errorCode, String field, String message) {
    super(message);
    this.entity = entity;
    this.errorCode = errorCode;
    this.field = field;
  }

  public EntityType entity() {
    return entity;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** The catalogue name of the field at fault, or null when TGM does not say which one. */
  public String field() {
    return field;
  }

  static TgmWriteException invalid(EntityType entity, String field, String message) {
    return new TgmWriteException(entity, ErrorCode.VALIDATION_ERROR, field, message);
  }
}
