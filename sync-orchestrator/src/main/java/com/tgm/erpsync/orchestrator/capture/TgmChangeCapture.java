package com.tgm.erpsync.orchestrator.capture;

import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.jboss.logging.Logger;

/**
 * Captures every row change of schema tgm with embedded Debezium (pgoutput, one replication slot)
 * and publishes it on tgm.changes. Exactly one replica captures: a dedicated database session holds
 * {@code pg_try_advisory_lock}; its holder streams the slot and stops at once when it finds the
 * session gone. A leader that dies loses the session, and with it the lock and the slot, so a
 * standby takes over at its next try and resumes from the offsets in the database.
 *
 * <p>Delivery is at least once: a batch's position is stored only after the broker acknowledged
 * every record of it, so a crash replays at most the batch in flight (with the same message ids). A
 * plain class, so a process (or a test) may run several against one database.
 */
public class TgmChangeCapture implements AutoCloseable {
  /** Business events: the guide's "grep ErpSync" and "grep ERP" find them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.capture");

  /** Latency matters (realtime sync): the engine looks for new events every 10 ms. */
  private static final String POLL_INTERVAL_MS = "10";

  /**
   * A slot still held by a dead leader's walsender is retried this often this far apart, about as
   * long as PostgreSQL needs to notice a lost connection; the election then starts the engine
   * again.
   */
  private static final String SLOT_RETRIES = "6";

  private static final String SLOT_RETRY_DELAY_MS = "2000";

  private static final int SESSION_CHECK_SECONDS = 5;

  private final CaptureSettings settings;
  private final ChangePublisher publisher;
  private final ScheduledExecutorService election;
  private final ExecutorService engineThread;
  private final JsonConverter eventJson = new JsonConverter();

  private volatile CaptureRole role = CaptureRole.STANDBY;
  private volatile SlotLag lag;
  private volatile boolean streaming;
  private volatile boolean started;
  // set once close() begins: an election tick that comes after it takes no lock
  private volatile boolean closing;

  // touched by the election thread only
  private Connection lockSession;
  private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
  private Future<?> engineRun;

  public TgmChangeCapture(CaptureSettings settings, ChangePublisher publisher) {
    this.settings = settings;
    this.publisher = publisher;
    this.election =
        Executors.newSingleThreadScheduledExecutor(
            task -> daemon(task, "tgm-capture-election-" + settings.slot()));
    this.engineThread =
        Executors.newSingleThreadExecutor(task -> daemon(task, "tgm-capture-" + settings.slot()));
    eventJson.configure(Map.of("schemas.enable", "false"), false);
  }

  /** Takes part in the election from now on: tries the lock at once, then every interval. */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    election.scheduleWithFixedDelay(
        this::tick, 0, settings.electionInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  public CaptureRole role() {
    return role;
  }

  /** Whether the engine is streaming the slot right now (the leader, once the slot is open). */
  public boolean streaming() {
    return streaming;
  }

  /** The slot's lag as last read (every election interval), null before the first read. */
  public SlotLag lag() {
    return lag;
  }

  public CaptureSettings settings() {
    return settings;
  }

  /**
   * Stops streaming (offsets of handled batches are stored) and gives up the lock. The publisher
   * stays open: it belongs to the caller.
   */
  @Override
  public synchronized void close() {
    if (!started) {
      election.shutdownNow();
      engineThread.shutdownNow();
      return;
    }
    started = false;
    closing = true;
    // runs after any tick in progress; every later tick sees closing and does nothing
    Future<?> last =
        election.submit(
            () -> {
              stopEngine();
              closeSession();
              role = CaptureRole.STANDBY;
            });
    try {
      last.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warnf("ERP change capture: slot %s did not stop cleanly: %s", settings.slot(), e);
    }
    election.shutdownNow();
    try {
      election.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeSession(); // never leave the lock held by a closed capture
    engineThread.shutdownNow();
  }

  private void tick() {
    if (closing) {
      return;
    }
    try {
      if (role == CaptureRole.LEADER) {
        if (lockSession == null || !lockSession.isValid(SESSION_CHECK_SECONDS)) {
          demote("its lock session ended");
        } else if (engineRun == null || engineRun.isDone()) {
          startEngine();
        }
      } else if (tryLock()) {
        role = CaptureRole.LEADER;
        startEngine();
      }
    } catch (SQLException | RuntimeException e) {
      if (role == CaptureRole.LEADER) {
        demote(e.getMessage());
      } else {
        closeSession();
        LOG.debugf("ERP change capture: election on slot %s failed: %s", settings.slot(), e);
      }
    }
    readLag();
  }

  private boolean tryLock() throws SQLException {
    try (PreparedStatement lock = session().prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      lock.setInt(1, CaptureSettings.LOCK_CLASS);
      lock.setInt(2, settings.lockKey());
      try (ResultSet result = lock.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private void demote(String reason) {
    stopEngine();
    closeSession();
    role = CaptureRole.STANDBY;
    LOG.warnf(
        "ERP change capture: standby, lost the capture lock of slot %s (%s); streaming stopped",
        settings.slot(), reason);
  }

  private void startEngine() throws SQLException {
    stopEngine();
    String from = confirmedPosition();
    ChangeTranslator translator = new ChangeTranslator();
    engine =
        DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
            .using(engineProperties())
            .using(TgmChangeCapture.class.getClassLoader())
            .notifying(new BatchHandler(translator))
            .using(
                new DebeziumEngine.ConnectorCallback() {
                  @Override
                  public void taskStarted() {
                    streaming = true;
                  }

                  @Override
                  public void taskStopped() {
                    streaming = false;
                  }
                })
            .using(
                (success, message, error) -> {
                  streaming = false;
                  if (!success && started) {
                    LOG.warnf(
                        "ERP change capture: streaming of slot %s stopped: %s; restarting within"
                            + " %s",
                        settings.slot(), message, settings.electionInterval());
                  }
                })
            .build();
    engineRun = engineThread.submit(engine);
    LOG.infof(
        "ERP change capture: leader, streaming slot %s from %s (%s)",
        settings.slot(), from, settings.instance());
  }

  private void stopEngine() {
    if (engine == null) {
      return;
    }
    try {
      engine.close();
    } catch (IOException | RuntimeException e) {
      LOG.warnf(
          "ERP change capture: stopping the engine of slot %s failed: %s", settings.slot(), e);
    }
    if (engineRun != null) {
      try {
        engineRun.get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        engineRun.cancel(true);
      }
    }
    engine = null;
    engineRun = null;
    streaming = false;
  }

  private String confirmedPosition() throws SQLException {
    try (PreparedStatement select =
        session()
            .prepareStatement(
                "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = ?")) {
      select.setString(1, settings.slot());
      try (ResultSet row = select.executeQuery()) {
        return row.next() && row.getString(1) != null ? row.getString(1) : "now (new slot)";
      }
    }
  }

  private void readLag() {
    try (PreparedStatement select =
        session()
            .prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint,"
                    + " pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint, active"
                    + " FROM pg_replication_slots WHERE slot_name = ?")) {
      select.setString(1, settings.slot());
      try (ResultSet row = select.executeQuery()) {
        SlotLag read =
            row.next() ? new SlotLag(row.getLong(1), row.getLong(2), row.getBoolean(3)) : null;
        SlotLag previous = lag;
        lag = read;
        boolean over = read != null && read.lagBytes() > settings.lagWarningBytes();
        boolean wasOver = previous != null && previous.lagBytes() > settings.lagWarningBytes();
        if (over && !wasOver) {
          LOG.warnf(
              "ERP change capture: slot %s lags %d bytes behind the WAL (warning above %d)",
              settings.slot(), read.lagBytes(), settings.lagWarningBytes());
        }
      }
    } catch (SQLException e) {
      lag = null;
      if (role != CaptureRole.LEADER) {
        closeSession();
      }
    }
  }

  private Connection session() throws SQLException {
    if (lockSession == null || lockSession.isClosed()) {
      Properties props = new Properties();
      if (settings.user() != null) {
        props.setProperty("user", settings.user());
      }
      if (settings.password() != null) {
        props.setProperty("password", settings.password());
      }
      props.setProperty("ApplicationName", applicationName());
      props.setProperty("tcpKeepAlive", "true");
      lockSession = DriverManager.getConnection(settings.jdbcUrl(), props);
    }
    return lockSession;
  }

  /** How the lock session shows in pg_stat_activity. */
  public String applicationName() {
    String name = "tgm-erp-sync capture " + settings.instance();
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  private void closeSession() {
    if (lockSession != null) {
      try {
        lockSession.close(); // ends the session: the lock goes with it
      } catch (SQLException ignored) {
        // already gone
      }
      lockSession = null;
    }
  }

  private Properties engineProperties() {
    Properties props = new Properties();
    props.setProperty("name", settings.slot());
    props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    props.setProperty("offset.storage", JdbcOffsetBackingStore.class.getName());
    props.setProperty(JdbcOffsetBackingStore.URL, settings.jdbcUrl());
    setIfPresent(props, JdbcOffsetBackingStore.USER, settings.user());
    setIfPresent(props, JdbcOffsetBackingStore.PASSWORD, settings.password());
    props.setProperty(JdbcOffsetBackingStore.NAME, settings.slot());
    props.setProperty("offset.flush.interval.ms", "0");
    props.setProperty("offset.flush.timeout.ms", "10000");
    props.setProperty("database.hostname", settings.host());
    props.setProperty("database.port", Integer.toString(settings.port()));
    props.setProperty("database.dbname", settings.database());
    setIfPresent(props, "database.user", settings.user());
    setIfPresent(props, "database.password", settings.password());
    props.setProperty("topic.prefix", settings.slot());
    props.setProperty("plugin.name", "pgoutput");
    props.setProperty("slot.name", settings.slot());
    props.setProperty("publication.name", settings.publication());
    props.setProperty("publication.autocreate.mode", "filtered");
    props.setProperty("schema.include.list", "tgm");
    props.setProperty("snapshot.mode", "no_data");
    props.setProperty("decimal.handling.mode", "string");
    props.setProperty("tombstones.on.delete", "false");
    props.setProperty("poll.interval.ms", POLL_INTERVAL_MS);
    props.setProperty("slot.max.retries", SLOT_RETRIES);
    props.setProperty("slot.retry.delay.ms", SLOT_RETRY_DELAY_MS);
    props.setProperty(
        "message.prefix.include.list", SyncOrigin.PREFIX + "," + CaptureSettings.HEARTBEAT_PREFIX);
    long heartbeat = settings.heartbeatInterval().toMillis();
    props.setProperty("heartbeat.interval.ms", Long.toString(heartbeat));
    if (heartbeat > 0) {
      props.setProperty(
          "heartbeat.action.query",
          "SELECT pg_logical_emit_message(false, '"
              + CaptureSettings.HEARTBEAT_PREFIX
              + "', now()::text)");
    }
    return props;
  }

  private static void setIfPresent(Properties props, String key, String value) {
    if (value != null) {
      props.setProperty(key, value);
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /** One engine batch: translate, publish, wait for the broker, then mark the batch handled. */
  private final class BatchHandler
      implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {
    private final ChangeTranslator translator;

    BatchHandler(ChangeTranslator translator) {
      this.translator = translator;
    }

    @Override
    public void handleBatch(
        List<RecordChangeEvent<SourceRecord>> events,
        DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
        throws InterruptedException {
      List<ProducerRecord<String, String>> out = new ArrayList<>(events.size());
      for (RecordChangeEvent<SourceRecord> event : events) {
        SourceRecord record = event.record();
        try {
          TgmRecordChanged change = translator.translate(record);
          if (change != null) {
            out.add(publisher.change(change));
          }
        } catch (UntranslatableChangeException e) {
          LOG.warnf(
              "ERP change capture: a change of %s could not be translated, dead-lettered: %s",
              e.key(), e.getMessage());
          out.add(
              publisher.deadLetter(
                  e.key(), json(record), e.getMessage(), record.topic(), lsnOf(record)));
        }
      }
      publisher.publish(out);
      for (RecordChangeEvent<SourceRecord> event : events) {
        committer.markProcessed(event);
      }
      committer.markBatchFinished();
    }

    private String json(SourceRecord record) {
      byte[] bytes =
          eventJson.fromConnectData(record.topic(), record.valueSchema(), record.value());
      return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private String lsnOf(SourceRecord record) {
      Object lsn = record.sourceOffset() == null ? null : record.sourceOffset().get("lsn");
      return lsn instanceof Number n ? ChangeTranslator.lsnText(n.longValue()) : null;
    }
  }
}
