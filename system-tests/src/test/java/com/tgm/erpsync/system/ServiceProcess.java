package com.tgm.erpsync.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged service (its Quarkus fast-jar) running as a separate JVM, as in production. */
final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  static ServiceProcess start(String module, Map<String, String> environment) {
    Path root = Path.of(System.getProperty("tgm.repo.root", "..")).toAbsolutePath().normalize();
    Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: package " + module + " first");
    }
    try {
      int port = freePort();
      Path logs = Files.createDirectories(root.resolve("system-tests/target/service-logs"));
      Path log = logs.resolve(module + "-" + port + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          List.of("-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port, "-jar"));
      command.add(jar.toString());
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      return new ServiceProcess(module, port, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + module, e);
    }
  }

  /** The HTTP port the service listens on (a free one, picked at start). */
  int port() {
    return port;
  }

  ServiceProcess awaitReady(Duration timeout) {
    await(name + " ready")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .failFast(name + " exited, see " + log, () -> !process.isAlive())
        .until(() -> readinessStatus() == 200);
    return this;
  }

  /** The HTTP status of the readiness endpoint: 200 UP, 503 DOWN, -1 unreachable. */
  int readinessStatus() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
              .timeout(Duration.ofSeconds(10))
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
