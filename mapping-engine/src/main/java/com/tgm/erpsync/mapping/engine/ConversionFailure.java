package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.ErrorCode;

/**
 * A value that did not convert. Never leaves the engine: it becomes a {@link FieldProblem}. No
 * stack trace, since bad data is expected and a batch may hold thousands of them.
 */
final class ConversionFailure extends Exception {
  private static final long serialVersionUID = 1L;

  final ErrorCode code;

  /** What was expected instead, when it differs from the converter's usual description. */
  final String expected;

  /** The value at fault when it is not the field's own (an object on a dotted path), or null. */
  final JsonNode offending;

  ConversionFailure(ErrorCode code, String detail, String expected) {
    this(code, detail, expected, null);
  }

  ConversionFailure(ErrorCode code, String detail, String expected, JsonNode offending) {
    super(detail, null, false, false);
    this.code = code;
    this.expected = expected;
    this.offending = offending;
  }

  static ConversionFailure invalid(String detail) {
    return new ConversionFailure(ErrorCode.VALIDATION_ERROR, detail, null);
  }

  String detail() {
    return getMessage();
  }
}
