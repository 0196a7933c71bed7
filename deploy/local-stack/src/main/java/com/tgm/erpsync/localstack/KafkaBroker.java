package com.tgm.erpsync.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker in its own JVM, on the classpath that the build resolved for {@code
 * kafka_2.13}: its config and data live in .local/kafka and survive restarts.
 */
final class KafkaBroker {

  static final String BOOTSTRAP_SERVERS = "localhost:9092";
  static final int BROKER_PORT = 9092;
  static final int CONTROLLER_PORT = 9093;

  private static final String READY_MARKER = "Kafka Server started";

  private final StateDir state;

  KafkaBroker(StateDir state) {
    this.state = state;
  }

  Path serverProperties() {
    return state.kafka().resolve("server.properties");
  }

  private Path dataDirectory() {
    return state.kafka().resolve("data");
  }

  /** Writes the config on the first run; later runs keep it, so a hand edit survives. */
  void writeConfigIfAbsent() throws IOException {
    if (Files.exists(serverProperties())) {
      return;
    }
    String config =
        String.join(
            "\n",
            "# Written once by ./local-stack: a single node that is both broker and controller.",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=localhost:" + CONTROLLER_PORT,
            "listeners=PLAINTEXT://localhost:"
                + BROKER_PORT
                + ",CONTROLLER://localhost:"
                + CONTROLLER_PORT,
            "advertised.listeners=PLAINTEXT://localhost:" + BROKER_PORT,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + dataDirectory().toAbsolutePath(),
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            // topics come from sync-contracts' Topics.ALL, never from a typo in a consumer
            "auto.create.topics.enable=false",
            "");
    Files.writeString(serverProperties(), config, StandardCharsets.UTF_8);
  }

  boolean isFormatted() {
    return Files.exists(dataDirectory().resolve("meta.properties"));
  }

  /** Formats the log directory once, as a standalone (single-voter) dynamic quorum. */
  void format() throws IOException, InterruptedException, StartupException {
    Path log = state.log("kafka-format");
    List<String> command =
        javaCommand(
            "kafka.tools.StorageTool",
            "format",
            "--cluster-id",
            Uuid.randomUuid().toString(),
            "--config",
            serverProperties().toString(),
            "--standalone");
    Process process =
        new ProcessBuilder(command)
            .directory(state.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new StartupException("formatting Kafka storage timed out; see " + log);
    }
    if (process.exitValue() != 0 || !isFormatted()) {
      throw new StartupException(
          "formatting Kafka storage failed (exit "
              + process.exitValue()
              + "):\n"
              + Files.readString(log, StandardCharsets.ISO_8859_1));
    }
  }

  ManagedProcess process() throws IOException {
    Path log = state.log("kafka");
    return new ManagedProcess(
        "kafka",
        javaCommand("kafka.Kafka", serverProperties().toString()),
        Map.of(),
        state.root(),
        log,
        Readiness.logContains(log, READY_MARKER),
        "\"" + READY_MARKER + "\" in its log");
  }

  private List<String> javaCommand(String mainClass, String... args) throws IOException {
    Path classpathFile = state.kafkaBrokerClasspathFile();
    if (!Files.exists(classpathFile)) {
      throw new IOException(
          classpathFile + " is missing: build the launcher first (./mvnw install -DskipTests)");
    }
    List<String> command = new ArrayList<>();
    command.add(LocalStack.javaExecutable());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.awt.headless=true");
    // slf4j-simple is the broker's logging backend: INFO to stdout, i.e. .local/logs/kafka.log
    command.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS");
    command.add("-cp");
    command.add(Files.readString(classpathFile, StandardCharsets.UTF_8).trim());
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }
}
