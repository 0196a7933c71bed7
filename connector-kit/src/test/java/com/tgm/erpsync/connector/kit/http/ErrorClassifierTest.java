package com.tgm.erpsync.connector.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.connector.kit.auth.ErrorClassifier;
import com.tgm.erpsync.contracts.ErrorCode;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  @Test
  void mapsStatusesToErrorCodes() {
    assertThat(ErrorClassifier.codeFor(401)).isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(ErrorClassifier.codeFor(403)).isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(ErrorClassifier.codeFor(404)).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(ErrorClassifier.codeFor(400)).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(ErrorClassifier.codeFor(422)).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(ErrorClassifier.codeFor(409)).isEqualTo(ErrorCode.CONFLICT);
    assertThat(ErrorClassifier.codeFor(412)).isEqualTo(ErrorCode.ETAG_MISMATCH);
    assertThat(ErrorClassifier.codeFor(429)).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(ErrorClassifier.codeFor(408)).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(ErrorClassifier.codeFor(504)).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(ErrorClassifier.codeFor(502)).isEqualTo(ErrorCode.ERP_UNAVAILABLE);
    assertThat(ErrorClassifier.codeFor(503)).isEqualTo(ErrorCode.ERP_UNAVAILABLE);
    assertThat(ErrorClassifier.codeFor(500)).isEqualTo(ErrorCode.ERP_ERROR);
    assertThat(ErrorClassifier.codeFor(507)).isEqualTo(ErrorCode.ERP_ERROR);
  }

  @Test
  void retriesOnlyTimeoutsThrottlingAndServerErrors() {
    assertThat(ErrorClassifier.retryable(408)).isTrue();
    assertThat(ErrorClassifier.retryable(429)).isTrue();
    assertThat(ErrorClassifier.retryable(500)).isTrue();
    assertThat(ErrorClassifier.retryable(507)).isTrue();
    assertThat(ErrorClassifier.retryable(400)).isFalse();
    assertThat(ErrorClassifier.retryable(401)).isFalse();
    assertThat(ErrorClassifier.retryable(404)).isFalse();
    assertThat(ErrorClassifier.retryable(409)).isFalse();
    assertThat(ErrorClassifier.retryable(412)).isFalse();
  }
}
