package com.tgm.erpsync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the gateway answers a webhook request: status, content type, extra headers, body. */
public record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {

  public static Answer json(int status, String json) {
    return new Answer(status, "application/json", Map.of(), json.getBytes(StandardCharsets.UTF_8));
  }

  public static Answer text(int status, String text) {
    return new Answer(
        status,
        "text/plain;charset=utf-8",
        Map.of("X-Content-Type-Options", "nosniff"),
        text.getBytes(StandardCharsets.UTF_8));
  }
}
