package com.tgm.erpsync.sandbox.core.odata;

import com.tgm.erpsync.sandbox.core.http.Reply;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Error bodies in SAP Gateway's V2 and V4 JSON shapes. */
public final class ODataErrors {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSSS").withZone(ZoneOffset.UTC);

  private ODataErrors() {}

  /** An error response of the given flavor for the named service. */
  public static Reply reply(
      Flavor flavor, String serviceId, int status, String code, String message) {
    Map<String, Object> inner = new LinkedHashMap<>();
    Map<String, Object> application = new LinkedHashMap<>();
    application.put("component_id", "PM-EQM");
    application.put("service_namespace", "/SAP/");
    application.put("service_id", serviceId);
    application.put("service_version", "0001");
    inner.put("application", application);
    inner.put("transactionid", UUID.randomUUID().toString().replace("-", "").toUpperCase());
    inner.put("timestamp", STAMP.format(Instant.now()));
    inner.put(
        "Error_Resolution",
        Map.of(
            "SAP_Transaction",
            "For backend administrators: use ADT feed reader \"SAP Gateway Error Log\" or run"
                + " transaction /IWFND/ERROR_LOG on SAP Gateway hub system and search for entries"
                + " with the timestamp above for more details",
            "SAP_Note",
            "See SAP Note 1797736 for error analysis"
                + " (https://service.sap.com/sap/support/notes/1797736)"));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("code", code);
    detail.put("message", message);
    detail.put("propertyref", "");
    detail.put("severity", "error");
    detail.put("target", "");
    inner.put("errordetails", List.of(detail));
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    if (flavor == Flavor.V2) {
      error.put("message", Map.of("lang", "en", "value", message));
      error.put("innererror", inner);
    } else {
      error.put("message", message);
      Map<String, Object> v4detail = new LinkedHashMap<>();
      v4detail.put("code", code);
      v4detail.put("message", message);
      v4detail.put("@Common.numericSeverity", 4);
      error.put("details", List.of(v4detail));
      error.put(
          "innererror", Map.of("ErrorDetails", Map.of("@SAP__common.Application", application)));
    }
    Reply reply = Reply.json(status, Map.of("error", error));
    if (flavor == Flavor.V4) {
      reply.header("OData-Version", "4.0");
    } else {
      reply.header("dataserviceversion", "1.0");
    }
    return reply;
  }
}
