package com.tgm.erpsync.connector.sap.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpHttp;
import com.tgm.erpsync.connector.kit.http.ErpHttpClients;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import com.tgm.erpsync.connector.kit.odata.ODataBatch;
import com.tgm.erpsync.connector.kit.service.FailedResults;
import com.tgm.erpsync.connector.kit.service.RecordFailure;
import com.tgm.erpsync.connector.kit.service.Replies;
import com.tgm.erpsync.connector.kit.spi.ErpDialect;
import com.tgm.erpsync.connector.sap.odata.KeyPredicate.Kind;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.command.DeleteRecord;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.command.FetchRecord;
import com.tgm.erpsync.contracts.command.RecordWrite;
import com.tgm.erpsync.contracts.command.TestConnection;
import com.tgm.erpsync.contracts.command.UpsertRecord;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.result.RecordFetched;
import com.tgm.erpsync.contracts.result.WriteOperation;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SAP S/4HANA and SAP ECC through SAP Gateway OData (V2 and V4): paged extracts with counts and
 * change-timestamp deltas, single reads, creates and updates with CSRF tokens and ETags, deletes,
 * and connection tests against a real service document.
 *
 * <p>Records are identified by the entity's technical key (read from V2's {@code __metadata.uri},
 * or the catalogue's key fields): that is the key results carry and the ledger keeps, so later
 * writes address the entity directly. A write whose key is not the technical key (a mapping keyed
 * by SerialNumber) looks the entity up by {@code $filter} first, which is also what makes a
 * replayed create safe: a record that exists is updated, not created again.
 */
@ApplicationScoped
public class SapODataDialect implements ErpDialect {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";

  private final ErpHttpClients clients;
  private final CsrfTokens csrf = new CsrfTokens();
  private final Map<String, Map<String, Kind>> metadataKeys = new ConcurrentHashMap<>();

  public SapODataDialect(ErpHttpClients clients) {
    this.clients = clients;
  }

  @Override
  public Set<ErpType> erpTypes() {
    return Set.of(ErpType.SAP_S4HANA, ErpType.SAP_ECC);
  }

  @Override
  public List<ConnectorResult> execute(ConnectorCommand command, ConnectionSnapshot connection) {
    ErpHttp http = clients.forConnection(connection);
    Call call = new Call(http, connection, command.meta());
    if (command instanceof TestConnection test) {
      return List.of(call.test(test));
    }
    if (command instanceof ExtractPage extract) {
      return List.of(call.extract(extract));
    }
    if (command instanceof FetchRecord fetch) {
      return List.of(call.fetch(fetch));
    }
    if (command instanceof UpsertRecord upsert) {
      return List.of(
          call.upsert(upsert.jobId(), upsert.mappingId(), upsert.erpEntityName(), upsert.write()));
    }
    if (command instanceof UpsertRecords batch) {
      return call.upsertAll(batch);
    }
    if (command instanceof DeleteRecord delete) {
      return List.of(call.delete(delete));
    }
    return FailedResults.of(
        command,
        connection.erpType(),
        ErrorCode.UNSUPPORTED_OPERATION,
        command.getClass().getSimpleName() + " is not an SAP operation");
  }

  /** CSRF tokens and $metadata keys of a connection that changed or was deleted. */
  @Override
  public void forget(long connectionId) {
    csrf.evict(connectionId);
    metadataKeys.keySet().removeIf(key -> key.startsWith(connectionId + " "));
  }

  /** One command's work against one connection. */
  private final class Call {
    private final ErpHttp http;
    private final ConnectionSnapshot connection;
    private final Replies replies;

    Call(ErpHttp http, ConnectionSnapshot connection, MessageMeta request) {
      this.http = http;
      this.connection = connection;
      this.replies = new Replies(request, connection);
    }

    private MessageMeta meta() {
      return replies.meta();
    }

    /**
     * The entity set, with its key fields from the service's $metadata when no catalogue knows them
     * (read once per connection and service).
     */
    SapEntitySet.Resolution resolve(String erpEntityName) {
      SapEntitySet.Resolution resolution = SapEntitySet.resolve(connection, erpEntityName);
      SapEntitySet set = resolution.entitySet();
      if (set == null || !set.keyFields().isEmpty()) {
        return resolution;
      }
      String cacheKey = connection.id() + " " + set.serviceRoot() + set.entitySet();
      Map<String, Kind> keys = metadataKeys.get(cacheKey);
      if (keys == null) {
        try {
          ErpResponse response =
              http.send(
                  ErpRequest.get(withSystemQuery(set.serviceRoot().resolve("$metadata"), null))
                      .withHeader("Accept", "application/xml"));
          keys = response.ok() ? MetadataKeys.of(response.body(), set.entitySet()) : Map.of();
        } catch (ErpCallException | IllegalArgumentException e) {
          Log.debugf(
              "ErpSync SAP connection %d: no key fields from $metadata of %s: %s",
              connection.id(), set.serviceRoot(), e.getMessage());
          keys = Map.of();
        }
        if (!keys.isEmpty()) {
          metadataKeys.put(cacheKey, keys);
        }
      }
      return keys.isEmpty()
          ? resolution
          : new SapEntitySet.Resolution(set.withKeyFields(keys), null);
    }

    ConnectorResult test(TestConnection test) {
      long started = System.nanoTime();
      URI probe = probe();
      try {
        ErpResponse response = http.send(ErpRequest.get(withSystemQuery(probe, ODataVersion.V2)));
        long latency = (System.nanoTime() - started) / 1_000_000;
        if (response.ok()) {
          return replies.tested(
              true,
              "Successfully connected to " + connection.erpType().displayName(),
              null,
              latency);
        }
        ODataError error = ODataError.of(response);
        String cause =
            switch (response.status()) {
              case 401, 403 -> "Authentication failed";
              case 404 -> "Service not found at " + probe;
              default -> "The SAP system answered HTTP " + response.status();
            };
        return replies.tested(false, cause + ": " + error.message(), error.code(), latency);
      } catch (ErpCallException e) {
        return replies.tested(
            false,
            cause(e) + ": " + e.getMessage(),
            e.code(),
            (System.nanoTime() - started) / 1_000_000);
      }
    }

    /** What a user is told first when the test produced no answer from SAP. */
    private static String cause(ErpCallException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof javax.net.ssl.SSLException) {
          return "TLS error";
        }
      }
      return switch (e.code() == null ? ErrorCode.ERP_UNAVAILABLE : e.code()) {
        case AUTH_FAILED -> "Authentication failed";
        case TIMEOUT, ERP_UNAVAILABLE -> "Host unreachable";
        default -> "Connection failed";
      };
    }

    ConnectorResult extract(ExtractPage command) {
      SapEntitySet.Resolution resolution = resolve(command.erpEntityName());
      if (resolution.problem() != null) {
        return replies.extractFailed(
            command, ErrorCode.VALIDATION_ERROR, false, null, resolution.problem());
      }
      SapEntitySet set = resolution.entitySet();
      URI uri =
          command.cursor() == null
              ? firstPage(set, command)
              : withSystemQuery(set.serviceRoot().resolve(command.cursor()), set.version());
      try {
        ErpResponse response = http.send(ErpRequest.get(uri).withHeader("Accept", JSON_TYPE));
        if (!response.ok()) {
          ODataError error = ODataError.of(response);
          return replies.extractFailed(
              command, error.code(), error.retryable(), error.erpCode(), error.message());
        }
        JsonNode body = JSON.readTree(response.body());
        List<ObjectNode> entities = set.version().records(body);
        List<ErpRecord> records = new ArrayList<>(entities.size());
        for (ObjectNode entity : entities) {
          records.add(record(set, entity, command.deltaField()));
        }
        String next = nextCursor(set, uri, body, entities.size(), command.pageSize());
        return new PageExtracted(
            meta(),
            connection.id(),
            command.jobId(),
            command.mappingId(),
            command.cursor(),
            next,
            set.version().count(body),
            records);
      } catch (ErpCallException e) {
        return replies.extractFailed(
            command, e.code(), e.retryable(), e.erpErrorCode(), e.getMessage());
      } catch (IOException | IllegalArgumentException e) {
        return replies.extractFailed(
            command,
            ErrorCode.ERP_ERROR,
            false,
            null,
            "The SAP system answered "
                + uri.getPath()
                + " with what is not OData JSON: "
                + e.getMessage());
      }
    }

    ConnectorResult fetch(FetchRecord command) {
      SapEntitySet.Resolution resolution = resolve(command.erpEntityName());
      if (resolution.problem() != null) {
        return replies.recordFailed(
            command.jobId(),
            command.mappingId(),
            null,
            command.erpKey(),
            null,
            ErrorCode.VALIDATION_ERROR,
            false,
            null,
            resolution.problem());
      }
      SapEntitySet set = resolution.entitySet();
      try {
        Optional<Located> found = locate(set, command.erpKey());
        if (found.isEmpty()) {
          return replies.recordFailed(
              command.jobId(),
              command.mappingId(),
              null,
              command.erpKey(),
              null,
              ErrorCode.NOT_FOUND,
              false,
              null,
              set.entitySet() + " " + command.erpKey() + " not found in " + displayName());
        }
        return new RecordFetched(
            meta(),
            connection.id(),
            command.jobId(),
            command.mappingId(),
            record(set, found.get().entity(), null));
      } catch (RecordFailure f) {
        return replies.recordFailed(
            command.jobId(), command.mappingId(), null, command.erpKey(), null, f);
      }
    }

    ConnectorResult upsert(long jobId, long mappingId, String entityName, RecordWrite write) {
      SapEntitySet.Resolution resolution = resolve(entityName);
      if (resolution.problem() != null) {
        return replies.recordFailed(
            jobId,
            mappingId,
            write.tgmRecordId(),
            write.erpKey(),
            write.idempotencyKey(),
            ErrorCode.VALIDATION_ERROR,
            false,
            null,
            resolution.problem());
      }
      SapEntitySet set = resolution.entitySet();
      try {
        if (write.erpKey() != null && !write.erpKey().isEmpty()) {
          if (set.isEntityKey(write.erpKey()) && write.ifMatch() != null) {
            // the ledger knows the entity and its version: one PATCH, no read before it
            Located known =
                new Located(set.entity(write.erpKey()), write.erpKey(), write.ifMatch(), null);
            try {
              return update(jobId, mappingId, set, known, write);
            } catch (RecordFailure f) {
              if (f.code() != ErrorCode.NOT_FOUND) {
                throw f;
              }
              return gone(jobId, mappingId, set, write);
            }
          }
          Optional<Located> linked = locate(set, write.erpKey());
          if (linked.isEmpty()) {
            return gone(jobId, mappingId, set, write);
          }
          return update(jobId, mappingId, set, linked.get(), write);
        }
        // never linked: the record may exist already (a replay, or created in SAP by hand)
        Map<String, String> ownKey = keyInValues(set, write.values());
        Optional<Located> existing = locate(set, ownKey);
        if (existing.isPresent()) {
          return update(jobId, mappingId, set, existing.get(), write);
        }
        return create(jobId, mappingId, set, write, ownKey);
      } catch (RecordFailure f) {
        return replies.recordFailed(
            jobId, mappingId, write.tgmRecordId(), write.erpKey(), write.idempotencyKey(), f);
      }
    }

    /**
     * Several writes to one entity set as one {@code $batch}, each write in a change set of its own
     * so SAP refuses a bad record alone. Writes the ledger addresses with their version go in
     * directly; the others are looked up first (reads by entity key together, as one batch of
     * retrieve parts), so a replayed create becomes an update and a record gone from SAP is
     * reported, not re-created.
     */
    List<ConnectorResult> upsertAll(UpsertRecords command) {
      List<RecordWrite> writes = command.writes();
      long jobId = command.jobId();
      long mappingId = command.mappingId();
      SapEntitySet.Resolution resolution = resolve(command.erpEntityName());
      if (writes.size() < 2 || resolution.problem() != null) {
        List<ConnectorResult> results = new ArrayList<>(writes.size());
        for (RecordWrite write : writes) {
          results.add(upsert(jobId, mappingId, command.erpEntityName(), write));
        }
        return results;
      }
      SapEntitySet set = resolution.entitySet();
      ConnectorResult[] results = new ConnectorResult[writes.size()];
      Planned[] plans = new Planned[writes.size()];
      List<Integer> reads = new ArrayList<>();
      for (int i = 0; i < writes.size(); i++) {
        RecordWrite write = writes.get(i);
        boolean linked = write.erpKey() != null && !write.erpKey().isEmpty();
        Map<String, String> key = linked ? write.erpKey() : keyInValues(set, write.values());
        if (linked && set.isEntityKey(key) && write.ifMatch() != null) {
          plans[i] = new Planned(new Located(set.entity(key), key, write.ifMatch(), null), key);
        } else if (key != null && set.isEntityKey(key)) {
          reads.add(i);
        } else {
          try {
            Optional<Located> found = locate(set, key);
            if (found.isPresent()) {
              plans[i] = new Planned(found.get(), found.get().key());
            } else if (linked) {
              results[i] = gone(jobId, mappingId, set, write);
            } else {
              plans[i] = new Planned(null, key);
            }
          } catch (RecordFailure f) {
            results[i] = failed(jobId, mappingId, write, f);
          }
        }
      }
      readTogether(jobId, mappingId, set, writes, reads, plans, results);
      writeTogether(jobId, mappingId, set, writes, plans, results);
      return List.of(results);
    }

    /** Looks up the given writes' entities by key in one batch of reads. */
    private void readTogether(
        long jobId,
        long mappingId,
        SapEntitySet set,
        List<RecordWrite> writes,
        List<Integer> indexes,
        Planned[] plans,
        ConnectorResult[] results) {
      if (indexes.isEmpty()) {
        return;
      }
      ODataBatch batch = new ODataBatch();
      List<Map<String, String>> keys = new ArrayList<>();
      for (int i : indexes) {
        RecordWrite write = writes.get(i);
        Map<String, String> key =
            write.erpKey() != null && !write.erpKey().isEmpty()
                ? write.erpKey()
                : keyInValues(set, write.values());
        keys.add(key);
        batch.retrieve(
            ODataBatch.Operation.of(
                "GET", relative(set, set.entity(key)), Map.of("Accept", JSON_TYPE), null));
      }
      List<ODataBatch.Answer> answers;
      try {
        answers = sendBatch(set, batch);
      } catch (RecordFailure f) {
        for (int i : indexes) {
          results[i] = failed(jobId, mappingId, writes.get(i), f);
        }
        return;
      }
      for (int n = 0; n < indexes.size(); n++) {
        int i = indexes.get(n);
        RecordWrite write = writes.get(i);
        ODataBatch.Answer answer = answers.get(n);
        Map<String, String> key = keys.get(n);
        boolean linked = write.erpKey() != null && !write.erpKey().isEmpty();
        if (answer.status() == 404) {
          if (linked) {
            results[i] = gone(jobId, mappingId, set, write);
          } else {
            plans[i] = new Planned(null, key);
          }
        } else if (!answer.ok()) {
          results[i] = failed(jobId, mappingId, write, ODataError.of(response(answer)).failure());
        } else {
          try {
            ObjectNode entity = set.version().entity(JSON.readTree(answer.body()));
            String etag =
                answer.header("ETag") != null ? answer.header("ETag") : set.version().etag(entity);
            plans[i] = new Planned(new Located(set.entity(key), key, etag, entity), key);
          } catch (IOException | IllegalArgumentException e) {
            results[i] =
                failed(
                    jobId,
                    mappingId,
                    write,
                    new RecordFailure(
                        ErrorCode.ERP_ERROR,
                        false,
                        null,
                        "SAP answered a read of " + set.entitySet() + " with what is not OData"));
          }
        }
      }
    }

    /** Sends every planned write as its own change set of one batch. */
    private void writeTogether(
        long jobId,
        long mappingId,
        SapEntitySet set,
        List<RecordWrite> writes,
        Planned[] plans,
        ConnectorResult[] results) {
      ODataBatch batch = new ODataBatch();
      List<Integer> indexes = new ArrayList<>();
      for (int i = 0; i < writes.size(); i++) {
        if (results[i] != null || plans[i] == null) {
          continue;
        }
        RecordWrite write = writes.get(i);
        Planned plan = plans[i];
        Located target = plan.target();
        if (target != null
            && target.entity() != null
            && holds(target.entity(), write, plan.key())) {
          results[i] = unchanged(jobId, mappingId, target, write);
          continue;
        }
        ObjectNode body = JSON.valueToTree(write.values());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON_TYPE);
        headers.put("Accept", JSON_TYPE);
        if (plan.target() == null) {
          batch.changeSet(ODataBatch.Operation.of("POST", set.entitySet(), headers, bytes(body)));
        } else {
          plan.target().key().keySet().forEach(body::remove);
          String ifMatch = write.ifMatch() != null ? write.ifMatch() : plan.target().etag();
          if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
          }
          batch.changeSet(
              ODataBatch.Operation.of(
                  "PATCH", relative(set, plan.target().uri()), headers, bytes(body)));
        }
        indexes.add(i);
      }
      if (indexes.isEmpty()) {
        return;
      }
      List<ODataBatch.Answer> answers;
      try {
        answers = sendBatch(set, batch);
      } catch (RecordFailure f) {
        for (int i : indexes) {
          Planned plan = plans[i];
          results[i] =
              f.maybeApplied()
                  ? settleUnclear(jobId, mappingId, set, plan, writes.get(i), f)
                  : failed(jobId, mappingId, writes.get(i), f);
        }
        return;
      }
      for (int n = 0; n < indexes.size(); n++) {
        int i = indexes.get(n);
        results[i] = written(jobId, mappingId, set, plans[i], writes.get(i), answers.get(n));
      }
    }

    /** The result of one write from its answer inside the batch. */
    private ConnectorResult written(
        long jobId,
        long mappingId,
        SapEntitySet set,
        Planned plan,
        RecordWrite write,
        ODataBatch.Answer answer) {
      boolean create = plan.target() == null;
      if (!answer.ok()) {
        RecordFailure failure = ODataError.of(response(answer)).failure();
        if (!create && answer.status() == 412) {
          return settle(jobId, mappingId, set, plan.key(), write, failure);
        }
        if (!create && answer.status() == 404) {
          return gone(jobId, mappingId, set, write);
        }
        return failed(jobId, mappingId, write, failure);
      }
      Map<String, String> key = plan.key();
      String etag = answer.header("ETag");
      if (create) {
        try {
          ObjectNode entity = set.version().entity(JSON.readTree(answer.body()));
          Map<String, String> technical = technicalKey(set, entity);
          key = technical != null ? technical : key;
          etag = etag != null ? etag : set.version().etag(entity);
        } catch (IOException | IllegalArgumentException e) {
          return failed(
              jobId,
              mappingId,
              write,
              new RecordFailure(
                  ErrorCode.ERP_ERROR,
                  false,
                  null,
                  set.entitySet() + " created, but SAP's answer is not an OData entity"));
        }
      }
      return replies.applied(
          jobId,
          mappingId,
          write.tgmRecordId(),
          key == null ? write.erpKey() : key,
          etag,
          create ? WriteOperation.CREATED : WriteOperation.UPDATED,
          write.idempotencyKey());
    }

    /** A batch whose outcome is unclear: what SAP holds now tells which writes it applied. */
    private ConnectorResult settleUnclear(
        long jobId,
        long mappingId,
        SapEntitySet set,
        Planned plan,
        RecordWrite write,
        RecordFailure failure) {
      if (plan.target() != null) {
        return settle(jobId, mappingId, set, plan.key(), write, failure);
      }
      try {
        Optional<Located> created = locate(set, plan.key());
        if (created.isPresent()) {
          return replies.applied(
              jobId,
              mappingId,
              write.tgmRecordId(),
              created.get().key(),
              created.get().etag(),
              WriteOperation.CREATED,
              write.idempotencyKey());
        }
      } catch (RecordFailure f) {
        return failed(jobId, mappingId, write, f);
      }
      return failed(jobId, mappingId, write, failure);
    }

    /**
     * An update SAP refused as stale (412) or whose outcome is unclear: when SAP holds the written
     * values already (this very write, applied before a crash or a lost answer), it is applied and
     * not sent again; otherwise someone else changed the record and the refusal stands.
     */
    private ConnectorResult settle(
        long jobId,
        long mappingId,
        SapEntitySet set,
        Map<String, String> key,
        RecordWrite write,
        RecordFailure refusal) {
      try {
        Optional<Located> current = locate(set, key);
        if (current.isEmpty()) {
          return gone(jobId, mappingId, set, write);
        }
        if (current.get().entity() != null && holds(current.get().entity(), write, key)) {
          Log.debugf(
              "ErpSync SAP connection %d: %s %s holds the written values already",
              connection.id(), set.entitySet(), key);
          return unchanged(jobId, mappingId, current.get(), write);
        }
      } catch (RecordFailure f) {
        return failed(jobId, mappingId, write, f);
      }
      return failed(jobId, mappingId, write, refusal);
    }

    /**
     * A write SAP holds already (a replay after a crash, or the same change made there): applied,
     * and nothing sent.
     */
    private ConnectorResult unchanged(
        long jobId, long mappingId, Located target, RecordWrite write) {
      return replies.applied(
          jobId,
          mappingId,
          write.tgmRecordId(),
          target.key(),
          target.etag(),
          WriteOperation.UPDATED,
          write.idempotencyKey());
    }

    /** Whether the entity has every written value (key fields aside). */
    private boolean holds(ObjectNode entity, RecordWrite write, Map<String, String> key) {
      if (write.values() == null) {
        return true;
      }
      for (Map.Entry<String, Object> field : write.values().entrySet()) {
        if (key.containsKey(field.getKey())) {
          continue;
        }
        JsonNode actual = entity.get(field.getKey());
        JsonNode wanted = JSON.valueToTree(field.getValue());
        if (!sameValue(wanted, actual)) {
          return false;
        }
      }
      return true;
    }

    private List<ODataBatch.Answer> sendBatch(SapEntitySet set, ODataBatch batch)
        throws RecordFailure {
      ErpRequest request =
          ErpRequest.of(
                  "POST", set.serviceRoot().resolve("$batch"), batch.contentType(), batch.body())
              .withIdempotent(batch.repeatable());
      ErpResponse response = write(set, request);
      if (!response.ok()) {
        throw ODataError.of(response).failure();
      }
      try {
        return ODataBatch.answers(
            response.header("Content-Type").orElse(null), response.body(), batch.size());
      } catch (IllegalArgumentException e) {
        throw new RecordFailure(
            ErrorCode.ERP_ERROR,
            false,
            null,
            "SAP answered a $batch of " + set.entitySet() + " unreadably: " + e.getMessage(),
            !batch.repeatable());
      }
    }

    private ConnectorResult failed(long jobId, long mappingId, RecordWrite write, RecordFailure f) {
      return replies.recordFailed(
          jobId, mappingId, write.tgmRecordId(), write.erpKey(), write.idempotencyKey(), f);
    }

    ConnectorResult delete(DeleteRecord command) {
      SapEntitySet.Resolution resolution = resolve(command.erpEntityName());
      if (resolution.problem() != null) {
        return replies.recordFailed(
            command.jobId(),
            command.mappingId(),
            command.tgmRecordId(),
            command.erpKey(),
            command.idempotencyKey(),
            ErrorCode.VALIDATION_ERROR,
            false,
            null,
            resolution.problem());
      }
      SapEntitySet set = resolution.entitySet();
      try {
        Optional<Located> found = locate(set, command.erpKey());
        if (found.isPresent()) {
          String ifMatch = command.ifMatch() != null ? command.ifMatch() : found.get().etag();
          ErpRequest request = ErpRequest.of("DELETE", found.get().uri(), null, null);
          if (ifMatch != null) {
            request = request.withHeader("If-Match", ifMatch);
          }
          ErpResponse response = write(set, request);
          if (!response.ok() && response.status() != 404) {
            throw ODataError.of(response).failure();
          }
        }
        // a record already gone is deleted as far as sync is concerned
        return replies.applied(
            command.jobId(),
            command.mappingId(),
            command.tgmRecordId(),
            found.map(Located::key).orElse(command.erpKey()),
            null,
            WriteOperation.DELETED,
            command.idempotencyKey());
      } catch (RecordFailure f) {
        return replies.recordFailed(
            command.jobId(),
            command.mappingId(),
            command.tgmRecordId(),
            command.erpKey(),
            command.idempotencyKey(),
            f);
      }
    }

    /** A linked record gone from SAP: deleted there, which sync does not undo by re-creating. */
    private ConnectorResult gone(long jobId, long mappingId, SapEntitySet set, RecordWrite write) {
      return replies.recordFailed(
          jobId,
          mappingId,
          write.tgmRecordId(),
          write.erpKey(),
          write.idempotencyKey(),
          ErrorCode.NOT_FOUND,
          false,
          null,
          set.entitySet() + " " + write.erpKey() + " no longer exists in " + displayName());
    }

    private ConnectorResult update(
        long jobId, long mappingId, SapEntitySet set, Located target, RecordWrite write)
        throws RecordFailure {
      if (target.entity() != null && holds(target.entity(), write, target.key())) {
        return unchanged(jobId, mappingId, target, write);
      }
      ObjectNode body = JSON.valueToTree(write.values());
      target.key().keySet().forEach(body::remove);
      String ifMatch = write.ifMatch() != null ? write.ifMatch() : target.etag();
      ErpRequest request =
          ErpRequest.of("PATCH", target.uri(), JSON_TYPE, bytes(body))
              .withHeader("Accept", JSON_TYPE);
      if (ifMatch != null) {
        request = request.withHeader("If-Match", ifMatch);
      }
      ErpResponse response = write(set, request);
      if (response.status() == 412) {
        return settle(
            jobId, mappingId, set, target.key(), write, ODataError.of(response).failure());
      }
      if (!response.ok()) {
        throw ODataError.of(response).failure();
      }
      String etag = response.header("ETag").orElse(null);
      if (etag == null) {
        etag = locate(set, target.key()).map(Located::etag).orElse(null);
      }
      return replies.applied(
          jobId,
          mappingId,
          write.tgmRecordId(),
          target.key(),
          etag,
          WriteOperation.UPDATED,
          write.idempotencyKey());
    }

    private ConnectorResult create(
        long jobId, long mappingId, SapEntitySet set, RecordWrite write, Map<String, String> ownKey)
        throws RecordFailure {
      ObjectNode body = JSON.valueToTree(write.values());
      ErpRequest request =
          ErpRequest.of(
                  "POST", withSystemQuery(set.collection(), set.version()), JSON_TYPE, bytes(body))
              .withHeader("Accept", JSON_TYPE);
      ErpResponse response;
      try {
        response = write(set, request);
      } catch (RecordFailure f) {
        if (f.maybeApplied()) {
          // the create may have reached SAP: if the record is there now, it was
          Optional<Located> created = locate(set, ownKey);
          if (created.isPresent()) {
            return replies.applied(
                jobId,
                mappingId,
                write.tgmRecordId(),
                created.get().key(),
                created.get().etag(),
                WriteOperation.CREATED,
                write.idempotencyKey());
          }
        }
        throw f;
      }
      if (!response.ok()) {
        throw ODataError.of(response).failure();
      }
      try {
        ObjectNode entity = set.version().entity(JSON.readTree(response.body()));
        Map<String, String> key = technicalKey(set, entity);
        String etag = response.header("ETag").orElse(set.version().etag(entity));
        return replies.applied(
            jobId,
            mappingId,
            write.tgmRecordId(),
            key == null ? write.erpKey() : key,
            etag,
            WriteOperation.CREATED,
            write.idempotencyKey());
      } catch (IOException | IllegalArgumentException e) {
        throw new RecordFailure(
            ErrorCode.ERP_ERROR,
            false,
            null,
            set.entitySet()
                + " created, but SAP's answer is not an OData entity: "
                + e.getMessage());
      }
    }

    /**
     * Sends a modifying request with the service's CSRF token, fetching a new one once if refused.
     */
    private ErpResponse write(SapEntitySet set, ErpRequest request) throws RecordFailure {
      Map<String, String> query = systemQuery(set.version());
      if (request.uri().getPath().endsWith("/$batch")) {
        query.remove("$format"); // each part asks for JSON itself
      }
      ErpRequest withQuery =
          new ErpRequest(
              request.method(),
              SapUris.withQuery(request.uri(), query),
              request.headers(),
              request.body(),
              request.idempotent());
      try {
        ErpResponse response = http.send(csrf.protect(http, set.serviceRoot(), withQuery, query));
        if (CsrfTokens.required(response)) {
          Log.debugf(
              "ErpSync SAP connection %d: CSRF token refused, fetching a new one", connection.id());
          csrf.invalidate(connection.id(), set.serviceRoot());
          response = http.send(csrf.protect(http, set.serviceRoot(), withQuery, query));
        }
        return response;
      } catch (ErpCallException e) {
        throw RecordFailure.of(e);
      }
    }

    /** Finds an entity by its technical key (a direct read) or by other key fields ($filter). */
    private Optional<Located> locate(SapEntitySet set, Map<String, String> key)
        throws RecordFailure {
      if (key == null || key.isEmpty()) {
        return Optional.empty();
      }
      try {
        if (set.isEntityKey(key)) {
          URI uri = set.entity(key);
          ErpResponse response =
              http.send(
                  ErpRequest.get(withSystemQuery(uri, set.version()))
                      .withHeader("Accept", JSON_TYPE));
          if (response.status() == 404) {
            return Optional.empty();
          }
          if (!response.ok()) {
            throw ODataError.of(response).failure();
          }
          ObjectNode entity = set.version().entity(JSON.readTree(response.body()));
          String etag = response.header("ETag").orElse(set.version().etag(entity));
          return Optional.of(new Located(uri, key, etag, entity));
        }
        StringBuilder filter = new StringBuilder();
        for (Map.Entry<String, String> field : key.entrySet()) {
          if (!filter.isEmpty()) {
            filter.append(" and ");
          }
          filter
              .append(field.getKey())
              .append(" eq ")
              .append(
                  KeyPredicate.literal(
                      set.version(),
                      field.getValue(),
                      set.keyFields().getOrDefault(field.getKey(), Kind.STRING)));
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", filter.toString());
        query.put("$top", "2");
        URI uri = SapUris.withQuery(withSystemQuery(set.collection(), set.version()), query);
        ErpResponse response = http.send(ErpRequest.get(uri).withHeader("Accept", JSON_TYPE));
        if (!response.ok()) {
          throw ODataError.of(response).failure();
        }
        List<ObjectNode> matches = set.version().records(JSON.readTree(response.body()));
        if (matches.isEmpty()) {
          return Optional.empty();
        }
        if (matches.size() > 1) {
          throw new RecordFailure(
              ErrorCode.VALIDATION_ERROR,
              false,
              null,
              "More than one " + set.entitySet() + " has " + key + ": the key is not unique");
        }
        ObjectNode entity = matches.get(0);
        Map<String, String> technical = technicalKey(set, entity);
        if (technical == null) {
          throw new RecordFailure(
              ErrorCode.VALIDATION_ERROR,
              false,
              null,
              set.entitySet()
                  + " found by "
                  + key
                  + " but its own key is unknown: name the"
                  + " entity set's key fields in the mapping");
        }
        return Optional.of(
            new Located(
                withSystemQuery(set.entity(technical), set.version()), technical,
                set.version().etag(entity), entity));
      } catch (ErpCallException e) {
        throw RecordFailure.of(e);
      } catch (IOException | IllegalArgumentException e) {
        throw new RecordFailure(
            ErrorCode.ERP_ERROR,
            false,
            null,
            "SAP answered a read of " + set.entitySet() + " with what is not OData JSON");
      }
    }

    /** The entity set's key fields as the values carry them; null unless all are there. */
    private Map<String, String> keyInValues(SapEntitySet set, Map<String, Object> values) {
      if (values == null || set.keyFields().isEmpty()) {
        return null;
      }
      Map<String, String> key = new LinkedHashMap<>();
      for (String field : set.keyFields().keySet()) {
        Object value = values.get(field);
        if (value == null || value.toString().isBlank()) {
          return null;
        }
        key.put(field, keyText(set, field, JSON.valueToTree(value)));
      }
      return key;
    }

    /** A key value as the key predicate takes it: V2 DateTime keys as their UTC wall clock. */
    private String keyText(SapEntitySet set, String field, JsonNode value) {
      String text = value.asText();
      if (set.keyFields().get(field) == Kind.DATETIME && set.version() == ODataVersion.V2) {
        Instant instant = ODataVersion.parseTimestamp(value);
        if (instant != null) {
          String iso = instant.toString().replace("Z", "");
          return iso.length() == 16 ? iso + ":00" : iso;
        }
      }
      return text;
    }

    private ErpRecord record(SapEntitySet set, ObjectNode entity, String deltaField) {
      ObjectNode values = set.version().values(entity);
      Instant modifiedAt =
          deltaField == null ? null : ODataVersion.parseTimestamp(entity.get(deltaField));
      Map<String, Object> plain = JSON.convertValue(values, MAP_TYPE);
      return new ErpRecord(
          technicalKey(set, entity), set.version().etag(entity), modifiedAt, plain);
    }

    /** The entity's own key: from its V2 URI, else from the known key fields' values. */
    private Map<String, String> technicalKey(SapEntitySet set, ObjectNode entity) {
      String first = set.keyFields().isEmpty() ? null : set.keyFields().keySet().iterator().next();
      Map<String, Kind> kinds = new LinkedHashMap<>();
      Map<String, String> fromUri =
          KeyPredicate.parse(set.version().entityUri(entity), first, kinds);
      if (fromUri != null
          && (set.keyFields().isEmpty() || fromUri.keySet().equals(set.keyFields().keySet()))) {
        return fromUri;
      }
      if (set.keyFields().isEmpty()) {
        return fromUri;
      }
      Map<String, String> key = new LinkedHashMap<>();
      for (String field : set.keyFields().keySet()) {
        JsonNode value = entity.get(field);
        if (value == null || value.isNull()) {
          return null;
        }
        key.put(field, keyText(set, field, value));
      }
      return key;
    }

    private URI firstPage(SapEntitySet set, ExtractPage command) {
      Map<String, String> query = new LinkedHashMap<>();
      List<String> filters = new ArrayList<>();
      if (command.filter() != null && !command.filter().isBlank()) {
        filters.add("(" + command.filter().strip() + ")");
      }
      if (command.modifiedSince() != null && command.deltaField() != null) {
        boolean offset =
            !"datetime".equalsIgnoreCase(SapEntitySet.setting(connection, "deltaLiteral"));
        // ge, not gt: a record on the boundary is read again and skipped by its unchanged hash
        filters.add(
            command.deltaField()
                + " ge "
                + set.version().timestampLiteral(command.modifiedSince(), offset));
      }
      if (!filters.isEmpty()) {
        query.put("$filter", String.join(" and ", filters));
      }
      if (!set.keyFields().isEmpty()) {
        query.put("$orderby", String.join(",", set.keyFields().keySet()));
      }
      query.put("$top", Integer.toString(command.pageSize()));
      query.put("$skip", "0");
      query.put(
          set.version() == ODataVersion.V2 ? "$inlinecount" : "$count",
          set.version() == ODataVersion.V2 ? "allpages" : "true");
      return SapUris.withQuery(withSystemQuery(set.collection(), set.version()), query);
    }

    /**
     * The cursor of the next page: the server's next link when it sends one, else, after a full
     * page of a client-paged read short of the count, the same read with $skip advanced; null after
     * the last page.
     */
    private String nextCursor(
        SapEntitySet set, URI current, JsonNode body, int received, int asked) {
      String link = set.version().nextLink(body);
      if (link != null) {
        return current.resolve(link).toString();
      }
      String query = current.getRawQuery();
      if (received == 0 || received < asked || query == null || !query.contains("$skip=")) {
        return null;
      }
      long skip = 0;
      StringBuilder rest = new StringBuilder();
      for (String part : query.split("&")) {
        if (part.startsWith("$skip=")) {
          skip = Long.parseLong(part.substring("$skip=".length()));
        } else {
          rest.append(rest.isEmpty() ? "" : "&").append(part);
        }
      }
      Long total = set.version().count(body);
      if (total != null && skip + received >= total) {
        return null; // the count says this was the last page: no empty page asked for
      }
      String text = current.toString();
      String base = text.substring(0, text.indexOf('?'));
      return base + "?" + rest + "&$skip=" + (skip + received);
    }

    private URI probe() {
      String path = SapEntitySet.setting(connection, "testService");
      if (path == null) {
        String service = SapEntitySet.setting(connection, "odataService");
        path =
            service != null
                ? service
                : connection.erpType() == ErpType.SAP_ECC
                    ? "/IWFND/CATALOGSERVICE;v=2"
                    : "API_EQUIPMENT";
      }
      return URI.create(
          SapEntitySet.host(connection.baseUrl())
              + "/sap/opu/odata/sap/"
              + (path.startsWith("/") ? path.substring(1) : path)
              + "/");
    }

    private URI withSystemQuery(URI uri, ODataVersion version) {
      return SapUris.withQuery(uri, systemQuery(version));
    }

    private Map<String, String> systemQuery(ODataVersion version) {
      Map<String, String> query = new LinkedHashMap<>();
      if (connection.sapClient() != null && !connection.sapClient().isBlank()) {
        query.put("sap-client", connection.sapClient());
      }
      if (connection.sapLanguage() != null && !connection.sapLanguage().isBlank()) {
        query.put("sap-language", connection.sapLanguage());
      }
      if (version == ODataVersion.V2) {
        query.put("$format", "json");
      }
      return query;
    }

    private String displayName() {
      return connection.erpType().displayName();
    }
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP_TYPE =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private static byte[] bytes(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** Where a write in a batch goes: an entity found (update) or nowhere yet (create by key). */
  private record Planned(Located target, Map<String, String> key) {}

  /** A batch operation's target relative to the service root, as change sets address it. */
  private static String relative(SapEntitySet set, URI uri) {
    URI relative = set.serviceRoot().relativize(uri);
    return relative.isAbsolute() ? uri.getRawPath() : relative.getRawPath();
  }

  private static ErpResponse response(ODataBatch.Answer answer) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    answer.headers().forEach((name, value) -> headers.put(name, List.of(value)));
    return new ErpResponse(
        answer.status(), headers, answer.body().getBytes(StandardCharsets.UTF_8), 0);
  }

  /**
   * Whether SAP's value is the written one: the same text, the same number, or the same instant (V2
   * writes {@code /Date(ms)/} where the write said ISO-8601).
   */
  static boolean sameValue(JsonNode wanted, JsonNode actual) {
    if (wanted == null || wanted.isNull()) {
      return actual == null || actual.isNull() || actual.asText().isEmpty();
    }
    if (actual == null || actual.isNull()) {
      return wanted.asText().isEmpty();
    }
    if (wanted.asText().equals(actual.asText())) {
      return true;
    }
    try {
      return new java.math.BigDecimal(wanted.asText())
              .compareTo(new java.math.BigDecimal(actual.asText()))
          == 0;
    } catch (NumberFormatException notNumbers) {
      Instant a = ODataVersion.parseTimestamp(wanted);
      Instant b = ODataVersion.parseTimestamp(actual);
      return a != null && a.equals(b);
    }
  }

  /** An entity found in SAP: its address, technical key, current ETag and values. */
  private record Located(URI uri, Map<String, String> key, String etag, ObjectNode entity) {}
}
