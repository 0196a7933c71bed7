package com.tgm.erpsync.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The two ways a child says it is ready: a line in its log, or a 200 from its health check. */
final class Readiness {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private Readiness() {}

  static ManagedProcess.Readiness logContains(Path logFile, String marker) {
    // lenient decoding: a stray byte in the log must not hide the marker
    return () ->
        Files.exists(logFile)
            && new String(Files.readAllBytes(logFile), StandardCharsets.ISO_8859_1)
                .contains(marker);
  }

  static ManagedProcess.Readiness httpOk(String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
    return () -> HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }
}
