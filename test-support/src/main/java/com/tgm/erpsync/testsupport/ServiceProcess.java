package com.tgm.erpsync.testsupport;

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

/**
 * A packaged service (its Quarkus fast-jar) running as a separate JVM, as in production. The
 * repository root comes from the system property {@code tgm.repo.root}; the service's output goes
 * to {@code <logDirectory>/<module>-<port>.log}.
 */
public final class ServiceProcess implements AutoCloseable {
  /** The JVM options of a service in the system tests: a small heap, as a lean deployment. */
  public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

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

  /** Starts {@code module} with the default JVM options, logging under system-tests/target. */
  public static ServiceProcess start(String module, Map<String, String> environment) {
    return start(
        module, environment, DEFAULT_JVM_OPTIONS, repositoryRoot().resolve("system-tests/target"));
  }

  public static ServiceProcess start(
      String module, Map<String, String> environment, List<String> jvmOptions, Path targetDir) {
    Path jar = repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: package " + module + " first");
    }
    try {
      int port = freePort();
      Path logs = Files.createDirectories(targetDir.resolve("service-logs"));
      Path log = logs.resolve(module + "-" + port + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-Dquarkus.http.port=" + port, "-jar", jar.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      return new ServiceProcess(module, port, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + module, e);
    }
  }

  public static Path repositoryRoot() {
    return Path.of(System.getProperty("tgm.repo.root", "..")).toAbsolutePath().normalize();
  }

  /** The HTTP port the service listens on (a free one, picked at start). */
  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Where the service's stdout and stderr go. */
  public Path log() {
    return log;
  }

  /** Waits until readiness answers 200; fails at once when the process exits. */
  public ServiceProcess awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (readinessStatus() != 200) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited, see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " not ready after " + timeout + ", see " + log);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + name, e);
      }
    }
    return this;
  }

  /** The HTTP status of the readiness endpoint: 200 UP, 503 DOWN, -1 unreachable. */
  public int readinessStatus() {
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
