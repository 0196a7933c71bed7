package com.tgm.erpsync.connector.kit;

import com.tgm.erpsync.connector.kit.spi.ErpDialect;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.result.ConnectionTested;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.WriteOperation;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test dialect for Business One connections that answers every command with a successful
 * connection test, except that it holds the commands of a connection until the test releases it: an
 * ERP that does not answer.
 */
@ApplicationScoped
public class HoldingDialect implements ErpDialect {
  private final Map<Long, CountDownLatch> held = new ConcurrentHashMap<>();
  private final Set<Long> holding = ConcurrentHashMap.newKeySet();
  private final Map<Long, List<String>> executed = new ConcurrentHashMap<>();
  private final Map<Long, Integer> forgotten = new ConcurrentHashMap<>();

  @Override
  public Set<ErpType> erpTypes() {
    return Set.of(ErpType.SAP_BUSINESS_ONE);
  }

  /** Commands of the connection wait until {@link #release}. */
  public void hold(long connectionId) {
    held.put(connectionId, new CountDownLatch(1));
  }

  /** Whether a command of the connection is being held right now. */
  public boolean holds(long connectionId) {
    return holding.contains(connectionId);
  }

  /** The correlation ids of the connection's commands, in the order they were executed. */
  public List<String> executed(long connectionId) {
    return List.copyOf(executed.getOrDefault(connectionId, List.of()));
  }

  /** How often the kit told the dialect to forget the connection. */
  public int forgotten(long connectionId) {
    return forgotten.getOrDefault(connectionId, 0);
  }

  @Override
  public void forget(long connectionId) {
    forgotten.merge(connectionId, 1, Integer::sum);
  }

  public void release(long connectionId) {
    CountDownLatch latch = held.remove(connectionId);
    if (latch != null) {
      latch.countDown();
    }
  }

  @Override
  public List<ConnectorResult> execute(ConnectorCommand command, ConnectionSnapshot connection) {
    executed
        .computeIfAbsent(connection.id(), id -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(command.meta().correlationId());
    CountDownLatch latch = held.get(connection.id());
    if (latch != null) {
      holding.add(connection.id());
      try {
        latch.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        holding.remove(connection.id());
      }
    }
    if (command instanceof UpsertRecords batch) {
      // a faulty dialect: every result under the command's own message id
      return batch.writes().stream()
          .<ConnectorResult>map(
              write ->
                  new RecordApplied(
                      command.meta(),
                      connection.id(),
                      batch.jobId(),
                      batch.mappingId(),
                      write.tgmRecordId(),
                      Map.of("CardCode", "C" + write.tgmRecordId()),
                      null,
                      WriteOperation.UPDATED,
                      write.idempotencyKey()))
          .toList();
    }
    return List.of(
        new ConnectionTested(
            command.meta(),
            connection.id(),
            connection.erpType(),
            true,
            "held test dialect",
            null,
            Instant.now(),
            0));
  }
}
