package com.tgm.erpsync.testsupport.connector;

import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.ExtractFailed;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.result.RecordFetched;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A connector for tests and benchmarks: consumes {@code erp.commands.{sap,dynamics,oracle}} from
 * the real broker in its own consumer group and answers every command from a {@link ScriptedErp} on
 * {@code erp.results}, as connector-kit does: keyed by jobId (ConnectionTested by connectionId),
 * each result with a fresh envelope carrying the command's correlation id and trace context. An
 * undecodable command is logged and skipped.
 *
 * <p>A group without committed offsets starts at the earliest offset, so commands sent before the
 * connector started are answered too; on a broker shared by many tests that includes earlier tests'
 * commands, which {@link Builder#answerCommandsSentSince} leaves out. Offsets are committed only
 * once the results of their commands are on the broker, so a connector closed half-way and started
 * again with the same group answers what was left, at least once.
 *
 * <p>One thread receives and counts commands, another answers them in order: {@link #pause()} holds
 * the answers while receiving goes on, and {@link #resume()} answers the held ones in order.
 */
public final class ScriptedConnector implements AutoCloseable {
  public static final List<String> COMMAND_TOPICS =
      List.of(Topics.COMMANDS_SAP, Topics.COMMANDS_DYNAMICS, Topics.COMMANDS_ORACLE);

  private static final Logger LOG = Logger.getLogger(ScriptedConnector.class.getName());
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration SHUTDOWN = Duration.ofSeconds(10);

  /** Below the producer's default max.request.size (1 MiB), which real connectors run with too. */
  static final int MAX_RESULT_BYTES = 1_000_000;

  private final ScriptedErp erp;
  private final String groupId;
  private final Instant answerSince;
  private final boolean keepCommands;
  private final KafkaConsumer<String, String> consumer;
  private final KafkaProducer<String, String> producer;
  private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  private final Map<TopicPartition, OffsetAndMetadata> answeredOffsets = new ConcurrentHashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> committedOffsets = new HashMap<>();
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread receiver;
  private final Thread answerer;
  private volatile boolean running = true;
  private volatile Duration delay;

  /** Guards the counters, the command log and the pause flag; notified when any changes. */
  private final Object monitor = new Object();

  private final Map<Class<?>, Long> receivedCounts = new HashMap<>();
  private final Map<Class<?>, Long> answeredCounts = new HashMap<>();
  private final List<ConnectorCommand> commandLog = new ArrayList<>();
  private long undecodable;
  private boolean paused;

  private ScriptedConnector(Builder builder) {
    this.erp = builder.erp;
    this.groupId = builder.groupId;
    this.answerSince = builder.answerSince;
    this.keepCommands = builder.keepCommands;
    this.delay = builder.delay;
    builder.kafka.createTopics(
        Topics.ALL.stream()
            .filter(t -> COMMAND_TOPICS.contains(t.name()) || Topics.RESULTS.equals(t.name()))
            .toList());
    this.consumer = new KafkaConsumer<>(consumerProperties(builder.kafka, groupId));
    this.producer = new KafkaProducer<>(producerProperties(builder.kafka, groupId));
    consumer.subscribe(COMMAND_TOPICS, new Positioner());
    this.receiver = new Thread(this::receive, "scripted-connector-receive-" + groupId);
    this.answerer = new Thread(this::answer, "scripted-connector-answer-" + groupId);
    receiver.setDaemon(true);
    answerer.setDaemon(true);
    receiver.start();
    answerer.start();
    awaitAssignment();
  }

  /** Starts a connector with a fresh group, answering from the earliest command on. */
  public static ScriptedConnector start(KafkaEndpoint kafka, ScriptedErp erp) {
    return builder(kafka, erp).start();
  }

  public static Builder builder(KafkaEndpoint kafka, ScriptedErp erp) {
    return new Builder(kafka, erp);
  }

  public ScriptedErp erp() {
    return erp;
  }

  public String groupId() {
    return groupId;
  }

  /** Holds answers from the next command on; commands keep being received and counted. */
  public void pause() {
    synchronized (monitor) {
      paused = true;
      monitor.notifyAll();
    }
  }

  /** Answers the held commands in the order they were received, then carries on. */
  public void resume() {
    synchronized (monitor) {
      paused = false;
      monitor.notifyAll();
    }
  }

  public boolean paused() {
    synchronized (monitor) {
      return paused;
    }
  }

  /** Waits this long before answering each command, like a slow ERP; zero for none. */
  public void delayEachCommand(Duration delay) {
    this.delay = requireNotNegative(delay);
  }

  /**
   * Commands of this type received so far (answered or not); {@code ConnectorCommand.class} counts
   * every decodable command.
   */
  public long received(Class<? extends ConnectorCommand> type) {
    synchronized (monitor) {
      return receivedCounts.getOrDefault(type, 0L);
    }
  }

  /** Commands of this type whose results were handed to the producer. */
  public long answered(Class<? extends ConnectorCommand> type) {
    synchronized (monitor) {
      return answeredCounts.getOrDefault(type, 0L);
    }
  }

  /** Records on the command topics that were not a command and were skipped. */
  public long undecodable() {
    synchronized (monitor) {
      return undecodable;
    }
  }

  /** The commands of this type received so far, in order (empty if keepCommands is off). */
  public <T extends ConnectorCommand> List<T> commands(Class<T> type) {
    synchronized (monitor) {
      return commandLog.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  /** Waits until {@code count} commands of this type were received; fails the test otherwise. */
  public void awaitReceived(Class<? extends ConnectorCommand> type, long count, Duration timeout) {
    awaitCount(receivedCounts, "received", type, count, timeout);
  }

  /** Waits until {@code count} commands of this type were answered; fails the test otherwise. */
  public void awaitAnswered(Class<? extends ConnectorCommand> type, long count, Duration timeout) {
    awaitCount(answeredCounts, "answered", type, count, timeout);
  }

  /**
   * Stops receiving and answering; what was answered is committed, what was not is left to the next
   * connector of the same group.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    running = false;
    synchronized (monitor) {
      monitor.notifyAll();
    }
    join(receiver);
    join(answerer);
    try {
      commitAnswered(true);
    } catch (KafkaException e) {
      LOG.warning(() -> "ERP scripted connector " + groupId + " could not commit on close: " + e);
    }
    consumer.close(SHUTDOWN);
    producer.close(SHUTDOWN);
  }

  private void receive() {
    try {
      while (running) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          inbox.add(
              new Received(
                  new TopicPartition(record.topic(), record.partition()),
                  record.offset(),
                  decode(record)));
        }
        commitAnswered(false);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, e, () -> "ERP scripted connector " + groupId + " stopped receiving");
    }
  }

  private ConnectorCommand decode(ConsumerRecord<String, String> record) {
    try {
      ConnectorCommand command = ContractJson.command(record.value());
      synchronized (monitor) {
        increment(receivedCounts, command.getClass());
        increment(receivedCounts, ConnectorCommand.class);
        if (keepCommands) {
          commandLog.add(command);
        }
        monitor.notifyAll();
      }
      return command;
    } catch (IllegalArgumentException e) {
      LOG.warning(
          () ->
              "ERP scripted connector skipped an undecodable command at "
                  + record.topic()
                  + "-"
                  + record.partition()
                  + "@"
                  + record.offset()
                  + ": "
                  + e.getMessage());
      synchronized (monitor) {
        undecodable++;
        monitor.notifyAll();
      }
      return null;
    }
  }

  private void answer() {
    try {
      while (running) {
        Received item = inbox.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null || !awaitNotPaused()) {
          continue;
        }
        if (item.command() != null) {
          Duration wait = delay;
          if (!wait.isZero()) {
            Thread.sleep(wait.toMillis());
          }
          for (ConnectorResult result : erp.answer(item.command())) {
            send(result);
          }
          LOG.fine(() -> "ERP scripted connector answered " + describe(item.command()));
          synchronized (monitor) {
            increment(answeredCounts, item.command().getClass());
            increment(answeredCounts, ConnectorCommand.class);
            monitor.notifyAll();
          }
        }
        answeredOffsets.put(item.partition(), new OffsetAndMetadata(item.offset() + 1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, e, () -> "ERP scripted connector " + groupId + " stopped answering");
    }
  }

  /** False when the connector closes while paused: the held command stays unanswered. */
  private boolean awaitNotPaused() throws InterruptedException {
    synchronized (monitor) {
      while (paused && running) {
        monitor.wait(POLL.toMillis());
      }
      return running;
    }
  }

  private void send(ConnectorResult result) {
    String json = ContractJson.write(result);
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_RESULT_BYTES && result instanceof PageExtracted page) {
      // Kafka would refuse the page and the job would wait forever; say so instead
      LOG.warning(
          () ->
              "ERP scripted connector refused a page of "
                  + page.records().size()
                  + " records: "
                  + bytes
                  + " bytes");
      json = ContractJson.write(tooLarge(page, bytes));
    }
    producer.send(
        new ProducerRecord<>(Topics.RESULTS, resultKey(result), json),
        (metadata, error) -> {
          if (error != null) {
            LOG.log(
                Level.SEVERE,
                error,
                () -> "ERP scripted connector could not publish " + result.getClass());
          }
        });
  }

  private static ExtractFailed tooLarge(PageExtracted page, int bytes) {
    return new ExtractFailed(
        page.meta(),
        page.connectionId(),
        page.jobId(),
        page.mappingId(),
        page.cursor(),
        ErrorCode.INTERNAL_ERROR,
        "A page of "
            + page.records().size()
            + " records is "
            + bytes
            + " bytes, more than one Kafka message may carry ("
            + MAX_RESULT_BYTES
            + "); ask for smaller pages",
        false,
        null);
  }

  /** Runs on the thread that owns the consumer (the receiver, or close() after it stopped). */
  private void commitAnswered(boolean sync) {
    Set<TopicPartition> owned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    answeredOffsets.forEach(
        (partition, offset) -> {
          if (owned.contains(partition) && !offset.equals(committedOffsets.get(partition))) {
            pending.put(partition, offset);
          }
        });
    if (pending.isEmpty()) {
      return;
    }
    // a command counts as answered only once its results are on the broker
    producer.flush();
    if (sync) {
      consumer.commitSync(pending, SHUTDOWN);
    } else {
      consumer.commitAsync(
          pending,
          (offsets, error) -> {
            if (error != null) {
              LOG.fine(() -> "ERP scripted connector commit failed, retried later: " + error);
              offsets.keySet().forEach(committedOffsets::remove);
            }
          });
    }
    committedOffsets.putAll(pending);
  }

  private void awaitAssignment() {
    try {
      if (!assigned.await(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new IllegalStateException(
            "scripted connector " + groupId + " got no command partitions within " + STARTUP);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting the scripted connector", e);
    }
  }

  private void awaitCount(
      Map<Class<?>, Long> counts,
      String what,
      Class<? extends ConnectorCommand> type,
      long count,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (counts.getOrDefault(type, 0L) < count) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          throw new AssertionError(
              "expected "
                  + count
                  + " "
                  + type.getSimpleName()
                  + " "
                  + what
                  + " within "
                  + timeout
                  + ", got "
                  + counts.getOrDefault(type, 0L)
                  + "; received "
                  + simpleNames(receivedCounts)
                  + ", answered "
                  + simpleNames(answeredCounts)
                  + (paused ? " (paused)" : ""));
        }
        try {
          monitor.wait(leftMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for commands", e);
        }
      }
    }
  }

  private static Map<String, Long> simpleNames(Map<Class<?>, Long> counts) {
    Map<String, Long> named = new HashMap<>();
    counts.forEach((type, n) -> named.put(type.getSimpleName(), n));
    return named;
  }

  private static void increment(Map<Class<?>, Long> counts, Class<?> type) {
    counts.merge(type, 1L, Long::sum);
  }

  private static String describe(ConnectorCommand command) {
    return command.getClass().getSimpleName()
        + " of connection "
        + command.connectionId()
        + " (correlation "
        + command.meta().correlationId()
        + ")";
  }

  private static void join(Thread thread) {
    try {
      thread.join(SHUTDOWN.toMillis());
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(SHUTDOWN.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** As connector-kit keys them: one job's answers stay in order on one partition. */
  static String resultKey(ConnectorResult result) {
    if (result instanceof ConnectionTested tested) {
      return Topics.connectionKey(tested.connectionId());
    }
    if (result instanceof PageExtracted page) {
      return Topics.jobKey(page.jobId());
    }
    if (result instanceof ExtractFailed failed) {
      return Topics.jobKey(failed.jobId());
    }
    if (result instanceof RecordFetched fetched) {
      return Topics.jobKey(fetched.jobId());
    }
    if (result instanceof RecordApplied applied) {
      return Topics.jobKey(applied.jobId());
    }
    return Topics.jobKey(((RecordFailed) result).jobId());
  }

  private static Properties consumerProperties(KafkaEndpoint kafka, String groupId) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-commands");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  private static Properties producerProperties(KafkaEndpoint kafka, String groupId) {
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-results");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return props;
  }

  private static Duration requireNotNegative(Duration delay) {
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    return delay;
  }

  private record Received(TopicPartition partition, long offset, ConnectorCommand command) {}

  /**
   * Puts partitions this group never committed on at {@code answerSince}, when set; otherwise
   * auto.offset.reset (earliest) applies. Commits what was answered before a partition moves away.
   */
  private final class Positioner implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        commitAnswered(true);
      } catch (KafkaException e) {
        LOG.warning(() -> "ERP scripted connector could not commit before a rebalance: " + e);
      }
      partitions.forEach(committedOffsets::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (answerSince != null && !partitions.isEmpty()) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            consumer.committed(new HashSet<>(partitions), STARTUP);
        Map<TopicPartition, Long> fresh = new HashMap<>();
        for (TopicPartition partition : partitions) {
          if (committed.get(partition) == null) {
            fresh.put(partition, answerSince.toEpochMilli());
          }
        }
        if (!fresh.isEmpty()) {
          Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(fresh, STARTUP);
          for (TopicPartition partition : fresh.keySet()) {
            OffsetAndTimestamp at = found.get(partition);
            if (at == null) {
              consumer.seekToEnd(List.of(partition));
              consumer.position(partition, STARTUP);
            } else {
              consumer.seek(partition, at.offset());
            }
          }
        }
      }
      assigned.countDown();
    }
  }

  /** How a test starts a connector; {@link #start()} returns once it owns the command topics. */
  public static final class Builder {
    private final KafkaEndpoint kafka;
    private final ScriptedErp erp;
    private String groupId = "scripted-connector-" + UUID.randomUUID();
    private Instant answerSince;
    private Duration delay = Duration.ZERO;
    private boolean keepCommands = true;

    private Builder(KafkaEndpoint kafka, ScriptedErp erp) {
      this.kafka = Objects.requireNonNull(kafka, "kafka");
      this.erp = Objects.requireNonNull(erp, "erp");
    }

    /** Reuse a group to continue where a closed connector stopped; default: a fresh group. */
    public Builder groupId(String groupId) {
      this.groupId = Objects.requireNonNull(groupId, "groupId");
      return this;
    }

    /**
     * Answer only commands whose record timestamp is at or after {@code since} (on partitions the
     * group has no committed offset for), e.g. the start of the test on a shared broker.
     */
    public Builder answerCommandsSentSince(Instant since) {
      this.answerSince = Objects.requireNonNull(since, "since");
      return this;
    }

    public Builder delayEachCommand(Duration delay) {
      this.delay = requireNotNegative(delay);
      return this;
    }

    /** Keep every received command for {@link #commands(Class)} (default); off for benchmarks. */
    public Builder keepCommands(boolean keep) {
      this.keepCommands = keep;
      return this;
    }

    public ScriptedConnector start() {
      return new ScriptedConnector(this);
    }
  }
}
