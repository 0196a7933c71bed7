package com.tgm.erpsync.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the stack (the Kafka broker or a service): started with its output in one log
 * file, polled until ready, stopped gracefully and then forcibly, descendants included.
 */
final class ManagedProcess {

  /** Polled every 250 ms while the process starts; an exception counts as "not yet". */
  @FunctionalInterface
  interface Readiness {
    boolean isReady() throws Exception;
  }

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final int TAIL_LINES = 40;

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final Path logFile;
  private final Readiness readiness;
  private final String readyDescription;

  private volatile Process process;
  private volatile long startNanos;
  private volatile boolean stopping;

  ManagedProcess(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      Path logFile,
      Readiness readiness,
      String readyDescription) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
    this.logFile = logFile;
    this.readiness = readiness;
    this.readyDescription = readyDescription;
  }

  String name() {
    return name;
  }

  Path logFile() {
    return logFile;
  }

  void start() throws IOException {
    // the previous run's log stays one run, as <name>.log.1; readiness scans a fresh file
    if (Files.exists(logFile)) {
      Files.move(
          logFile,
          logFile.resolveSibling(logFile.getFileName() + ".1"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(environment);
    startNanos = System.nanoTime();
    process = builder.start();
    // nobody writes to its stdin: closing it keeps a child that reads stdin from blocking
    process.getOutputStream().close();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** True when it exited on its own, not because the launcher stopped it. */
  boolean exitedUnexpectedly() {
    return process != null && !process.isAlive() && !stopping;
  }

  int exitCode() {
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  private boolean isReady() {
    try {
      return readiness.isReady();
    } catch (Exception notYet) {
      return false;
    }
  }

  /** The last lines of its log, indented, for an error message. */
  String logTail() {
    try {
      if (!Files.exists(logFile)) {
        return "    (no log written)";
      }
      List<String> lines =
          new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
      List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
      StringBuilder text = new StringBuilder();
      for (String line : tail) {
        text.append("    ").append(line).append('\n');
      }
      return text.toString();
    } catch (IOException | UncheckedIOException e) {
      return "    (log unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Waits until every process is ready; fails as soon as one exits or the timeout passes, with the
   * tail of the culprit's log in the message.
   */
  static void awaitReady(List<ManagedProcess> processes, Duration timeout)
      throws StartupException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ManagedProcess> pending = new ArrayList<>(processes);
    while (!pending.isEmpty()) {
      for (ManagedProcess p : List.copyOf(pending)) {
        if (!p.isAlive()) {
          throw new StartupException(
              p.name + " exited with code " + p.exitCode() + " while starting" + p.tailMessage());
        }
        if (p.isReady()) {
          StackLog.info(
              p.name + " ready (" + p.readyDescription + ") in " + StackLog.seconds(p.startNanos));
          pending.remove(p);
        }
      }
      if (!pending.isEmpty() && System.nanoTime() > deadline) {
        ManagedProcess p = pending.get(0);
        throw new StartupException(
            p.name
                + " not ready after "
                + timeout.toSeconds()
                + " s (waiting for "
                + p.readyDescription
                + ")"
                + p.tailMessage());
      }
      if (!pending.isEmpty()) {
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    }
  }

  private String tailMessage() {
    return "; last lines of " + logFile + ":\n" + logTail();
  }

  /**
   * Asks every process to stop (SIGTERM) at once, waits up to the grace period, then kills what is
   * left, descendants included: they are listed before the parent goes, as they are reparented
   * after.
   */
  static void stopAll(List<ManagedProcess> processes, Duration grace) {
    List<ProcessHandle> descendants = new ArrayList<>();
    List<ManagedProcess> started = new ArrayList<>();
    for (ManagedProcess p : processes) {
      if (p.process == null) {
        continue;
      }
      p.stopping = true;
      started.add(p);
      p.process.descendants().forEach(descendants::add);
      p.process.destroy();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (ManagedProcess p : started) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!p.process.waitFor(left, TimeUnit.NANOSECONDS)) {
          StackLog.info(p.name + " did not stop in " + grace.toSeconds() + " s: killing it");
          p.process.destroyForcibly();
          p.process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.process.destroyForcibly();
      }
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
