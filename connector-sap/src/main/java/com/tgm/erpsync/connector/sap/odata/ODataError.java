package com.tgm.erpsync.connector.sap.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connector.kit.auth.ErrorClassifier;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import com.tgm.erpsync.connector.kit.service.RecordFailure;
import com.tgm.erpsync.contracts.ErrorCode;

/**
 * An ERP's error answer as a result code, with the ERP's own code and message. Reads the OData V2
 * shape {@code {"error":{"code","message":{"lang","value"}}}}, the V4 shape {@code
 * {"error":{"code","message"}}} and Business One's (whose {@code message} is an object or a plain
 * string); anything else keeps the HTTP status and the start of the body.
 */
public record ODataError(ErrorCode code, boolean retryable, String erpCode, String message) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_IN_MESSAGE = 300;

  public static ODataError of(ErpResponse response) {
    int status = response.status();
    ErrorCode code = ErrorClassifier.codeFor(status);
    boolean retryable = ErrorClassifier.retryable(status);
    String erpCode = null;
    String message = null;
    try {
      JsonNode error = JSON.readTree(response.body()).path("error");
      if (error.isObject()) {
        erpCode = error.path("code").isMissingNode() ? null : error.path("code").asText();
        JsonNode text = error.path("message");
        message = text.isObject() ? text.path("value").asText(null) : text.asText(null);
      }
    } catch (java.io.IOException | RuntimeException notJson) {
      // not JSON (an HTML error page of a proxy): the status and the body's start say it
    }
    if (message == null || message.isBlank()) {
      String body = response.text().strip();
      message =
          "HTTP "
              + status
              + (body.isEmpty()
                  ? ""
                  : ": "
                      + (body.length() > MAX_BODY_IN_MESSAGE
                          ? body.substring(0, MAX_BODY_IN_MESSAGE) + "…"
                          : body));
    }
    return new ODataError(code, retryable, erpCode, message);
  }

  /** This error as the failure of a record operation. */
  public RecordFailure failure() {
    return new RecordFailure(code, retryable, erpCode, message);
  }
}
