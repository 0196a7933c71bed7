package com.tgm.erpsync.connector.sap.b1;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.connector.kit.auth.SessionLoginAuth;
import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpHttp;
import com.tgm.erpsync.connector.kit.http.ErpHttpClients;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import com.tgm.erpsync.connector.kit.service.FailedResults;
import com.tgm.erpsync.connector.kit.service.RecordFailure;
import com.tgm.erpsync.connector.kit.service.Replies;
import com.tgm.erpsync.connector.kit.spi.ErpDialect;
import com.tgm.erpsync.connector.sap.odata.ODataError;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SAP Business One through the Service Layer ({@code /b1s/v1} OData V3 flavour or {@code /b1s/v2}
 * OData V4): session login shared by every call of a connection, server-paged extracts with counts
 * and UpdateDate deltas, reads by key, creates and updates that never duplicate on replay, deletes,
 * and connection tests that log in and read.
 *
 * <p>The session is the kit's {@link SessionLoginAuth}: one login per connection, the B1SESSION and
 * ROUTEID cookies on every call, a new login and one retry after a 401, and a logout when the
 * connection is evicted.
 */
@ApplicationScoped
public class BusinessOneDialect implements ErpDialect {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP_TYPE = new TypeReference<>() {};
  private static final String JSON_TYPE = "application/json";

  private final ErpHttpClients clients;

  public BusinessOneDialect(ErpHttpClients clients) {
    this.clients = clients;
  }

  @Override
  public Set<ErpType> erpTypes() {
    return Set.of(ErpType.SAP_BUSINESS_ONE);
  }

  @Override
  public List<ConnectorResult> execute(ConnectorCommand command, ConnectionSnapshot connection) {
    StringBuilder problem = new StringBuilder();
    Optional<ServiceLayer> serviceLayer = ServiceLayer.of(connection, problem);
    if (serviceLayer.isEmpty()) {
      return FailedResults.of(
          command, connection.erpType(), ErrorCode.VALIDATION_ERROR, problem.toString());
    }
    ErpHttp http =
        clients.forConnection(
            connection,
            snapshot ->
                new SessionLoginAuth(
                    snapshot,
                    clients.secrets(snapshot),
                    new ServiceLayerLogin(
                        ServiceLayer.of(snapshot, new StringBuilder()).orElseThrow())));
    Call call = new Call(http, connection, serviceLayer.get(), command.meta());
    if (command instanceof TestConnection) {
      return List.of(call.test());
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
      List<ConnectorResult> results = new ArrayList<>();
      for (RecordWrite write : batch.writes()) {
        results.add(call.upsert(batch.jobId(), batch.mappingId(), batch.erpEntityName(), write));
      }
      return results;
    }
    if (command instanceof DeleteRecord delete) {
      return List.of(call.delete(delete));
    }
    return FailedResults.of(
        command,
        connection.erpType(),
        ErrorCode.UNSUPPORTED_OPERATION,
        command.getClass().getSimpleName() + " is not a Business One operation");
  }

  /** Forgets the connection's session (logged out in the background) and HTTP client. */
  public void evict(long connectionId) {
    clients.evict(connectionId);
  }

  /** One command's work against one connection. */
  private static final class Call {
    private final ErpHttp http;
    private final ConnectionSnapshot connection;
    private final ServiceLayer serviceLayer;
    private final Replies replies;

    Call(
        ErpHttp http,
        ConnectionSnapshot connection,
        ServiceLayer serviceLayer,
        MessageMeta request) {
      this.http = http;
      this.connection = connection;
      this.serviceLayer = serviceLayer;
      this.replies = new Replies(request, connection);
    }

    private MessageMeta meta() {
      return replies.meta();
    }

    ConnectorResult test() {
      long started = System.nanoTime();
      URI probe = serviceLayer.resolve("BusinessPartners?$top=1&$select=CardCode");
      try {
        ErpResponse response = http.send(ErpRequest.get(probe).withHeader("Accept", JSON_TYPE));
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
              case 404 -> "Service not found at " + serviceLayer.root();
              default -> "The Service Layer answered HTTP " + response.status();
            };
        return replies.tested(false, cause + ": " + error.message(), error.code(), latency);
      } catch (ErpCallException e) {
        long latency = (System.nanoTime() - started) / 1_000_000;
        Optional<ErpResponse> answer = e.response();
        if (answer.isPresent() && answer.get().status() == 404) {
          return replies.tested(
              false,
              "Service not found at " + serviceLayer.root() + ": HTTP 404",
              ErrorCode.NOT_FOUND,
              latency);
        }
        String detail = answer.map(r -> ODataError.of(r).message()).orElse(e.getMessage());
        return replies.tested(false, cause(e) + ": " + detail, e.code(), latency);
      }
    }

    /** What a user is told first when the test produced no usable answer. */
    private static String cause(ErpCallException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof javax.net.ssl.SSLException) {
          return "TLS error";
        }
      }
      return switch (e.code()) {
        case AUTH_FAILED -> "Authentication failed";
        case TIMEOUT, ERP_UNAVAILABLE -> "Host unreachable";
        default -> "Connection failed";
      };
    }

    ConnectorResult extract(ExtractPage command) {
      String set = command.erpEntityName();
      String keyField = ServiceLayer.keyField(set);
      URI uri;
      try {
        uri =
            command.cursor() == null ? firstPage(command, keyField) : URI.create(command.cursor());
      } catch (IllegalArgumentException e) {
        return replies.extractFailed(
            command,
            ErrorCode.VALIDATION_ERROR,
            false,
            null,
            "Not a page address: " + e.getMessage());
      }
      try {
        ErpResponse response =
            http.send(
                ErpRequest.get(uri)
                    .withHeader("Accept", JSON_TYPE)
                    .withHeader("Prefer", "odata.maxpagesize=" + Math.max(1, command.pageSize())));
        if (!response.ok()) {
          ODataError error = ODataError.of(response);
          return replies.extractFailed(
              command, error.code(), error.retryable(), error.erpCode(), error.message());
        }
        JsonNode body = JSON.readTree(response.body());
        JsonNode value = body.path("value");
        if (!value.isArray()) {
          throw new IOException("no value array");
        }
        List<ErpRecord> records = new ArrayList<>(value.size());
        for (JsonNode entity : value) {
          records.add(record(keyField, (ObjectNode) entity, command.deltaField()));
        }
        JsonNode link = body.path(serviceLayer.annotation("nextLink"));
        String next = link.isTextual() ? next(uri, link.asText()) : null;
        JsonNode count = body.path(serviceLayer.annotation("count"));
        return new PageExtracted(
            meta(),
            connection.id(),
            command.jobId(),
            command.mappingId(),
            command.cursor(),
            next,
            count.canConvertToLong() ? count.asLong() : null,
            records);
      } catch (ErpCallException e) {
        return replies.extractFailed(
            command, e.code(), e.retryable(), e.erpErrorCode(), message(e));
      } catch (IOException | RuntimeException e) {
        return replies.extractFailed(
            command,
            ErrorCode.ERP_ERROR,
            false,
            null,
            "The Service Layer answered " + uri.getPath() + " with what is not OData JSON");
      }
    }

    /** The next page's absolute address: Service Layer links are relative to the service root. */
    private String next(URI current, String link) {
      URI resolved =
          link.startsWith("http://") || link.startsWith("https://")
              ? URI.create(link)
              : URI.create(serviceLayer.root() + "/").resolve(link);
      if (!resolved.getAuthority().equals(current.getAuthority())) {
        throw new IllegalArgumentException("next link to another host: " + resolved);
      }
      return resolved.toString();
    }

    private URI firstPage(ExtractPage command, String keyField) {
      List<String> filters = new ArrayList<>();
      if (command.filter() != null && !command.filter().isBlank()) {
        filters.add("(" + command.filter().strip() + ")");
      }
      if (command.modifiedSince() != null && command.deltaField() != null) {
        // UpdateDate holds no time: ge the watermark's day reads that whole day again, and the
        // orchestrator's record hashes skip what did not change
        LocalDate day = LocalDate.ofInstant(command.modifiedSince(), serviceLayer.zone());
        filters.add(command.deltaField() + " ge '" + day + "'");
      }
      StringBuilder query = new StringBuilder();
      if (!filters.isEmpty()) {
        query.append("$filter=").append(ServiceLayer.encode(String.join(" and ", filters)));
        query.append('&');
      }
      query.append("$orderby=").append(keyField);
      query.append(serviceLayer.v2() ? "&$count=true" : "&$inlinecount=allpages");
      return serviceLayer.resolve(command.erpEntityName() + "?" + query);
    }

    private ErpRecord record(String keyField, ObjectNode entity, String deltaField) {
      Map<String, Object> values = new LinkedHashMap<>();
      JSON.convertValue(entity, MAP_TYPE)
          .forEach(
              (name, value) -> {
                if (!name.startsWith("odata.") && !name.startsWith("@odata.")) {
                  values.put(name, value);
                }
              });
      JsonNode key = entity.path(keyField);
      Map<String, String> erpKey = key.isMissingNode() ? null : Map.of(keyField, key.asText());
      JsonNode etag = entity.path(serviceLayer.annotation("etag"));
      return new ErpRecord(
          erpKey, etag.isTextual() ? etag.asText() : null, modifiedAt(entity, deltaField), values);
    }

    /** UpdateDate plus UpdateTime (when the entity has it) in the company's time zone. */
    private Instant modifiedAt(ObjectNode entity, String deltaField) {
      if (deltaField == null || !entity.path(deltaField).isTextual()) {
        return null;
      }
      String date = entity.path(deltaField).asText();
      try {
        LocalDate day = LocalDate.parse(date.length() >= 10 ? date.substring(0, 10) : date);
        LocalTime time = LocalTime.MIDNIGHT;
        JsonNode clock = entity.path(deltaField.replace("Date", "Time"));
        if (!deltaField.equals(deltaField.replace("Date", "Time")) && clock.isTextual()) {
          time = LocalTime.parse(clock.asText());
        }
        return day.atTime(time).atZone(serviceLayer.zone()).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }

    ConnectorResult fetch(FetchRecord command) {
      String set = command.erpEntityName();
      String keyField = ServiceLayer.keyField(set);
      String key = command.erpKey().get(keyField);
      try {
        if (key == null) {
          throw new RecordFailure(
              ErrorCode.VALIDATION_ERROR,
              false,
              null,
              set + " is keyed by " + keyField + ", not " + command.erpKey().keySet());
        }
        Optional<ObjectNode> found = read(set, keyField, key);
        if (found.isEmpty()) {
          throw new RecordFailure(
              ErrorCode.NOT_FOUND, false, null, set + " " + command.erpKey() + " not found");
        }
        return new RecordFetched(
            meta(),
            connection.id(),
            command.jobId(),
            command.mappingId(),
            record(keyField, found.get(), null));
      } catch (RecordFailure f) {
        return replies.recordFailed(
            command.jobId(), command.mappingId(), null, command.erpKey(), null, f);
      }
    }

    ConnectorResult upsert(long jobId, long mappingId, String set, RecordWrite write) {
      String keyField = ServiceLayer.keyField(set);
      try {
        Map<String, Object> values = write.values() == null ? Map.of() : write.values();
        if (write.erpKey() != null && !write.erpKey().isEmpty()) {
          String key = write.erpKey().get(keyField);
          if (key == null) {
            throw new RecordFailure(
                ErrorCode.VALIDATION_ERROR,
                false,
                null,
                set + " is keyed by " + keyField + ", not " + write.erpKey().keySet());
          }
          // linked: one PATCH; a 404 means it was deleted in Business One, not to be re-created
          if (!patch(set, keyField, key, values)) {
            throw new RecordFailure(
                ErrorCode.NOT_FOUND,
                false,
                "-2028",
                set + " " + write.erpKey() + " no longer exists in Business One");
          }
          return applied(
              jobId, mappingId, write, Map.of(keyField, key), null, WriteOperation.UPDATED);
        }
        Object own = values.get(keyField);
        if (own != null && !own.toString().isBlank()) {
          // never linked: a replay, or a record created by hand, is updated rather than duplicated
          String key = own.toString();
          if (read(set, keyField, key).isPresent() && patch(set, keyField, key, values)) {
            return applied(
                jobId, mappingId, write, Map.of(keyField, key), null, WriteOperation.UPDATED);
          }
        }
        return create(jobId, mappingId, set, keyField, write, values);
      } catch (RecordFailure f) {
        return replies.recordFailed(
            jobId, mappingId, write.tgmRecordId(), write.erpKey(), write.idempotencyKey(), f);
      }
    }

    private ConnectorResult create(
        long jobId,
        long mappingId,
        String set,
        String keyField,
        RecordWrite write,
        Map<String, Object> values)
        throws RecordFailure {
      Object own = values.get(keyField);
      ErpResponse response;
      try {
        response =
            http.send(
                ErpRequest.of("POST", serviceLayer.resolve(set), JSON_TYPE, bytes(values))
                    .withHeader("Accept", JSON_TYPE));
      } catch (ErpCallException e) {
        if (e.maybeApplied() && own != null) {
          // the create may have landed: the key says whether it did
          Optional<ObjectNode> landed = read(set, keyField, own.toString());
          if (landed.isPresent()) {
            return applied(
                jobId,
                mappingId,
                write,
                Map.of(keyField, own.toString()),
                etag(landed.get()),
                WriteOperation.CREATED);
          }
        }
        throw failure(e);
      }
      if (!response.ok()) {
        ODataError error = ODataError.of(response);
        if ("-10".equals(error.erpCode()) && own != null) {
          // created meanwhile by another writer: update it like any existing record
          if (patch(set, keyField, own.toString(), values)) {
            return applied(
                jobId,
                mappingId,
                write,
                Map.of(keyField, own.toString()),
                null,
                WriteOperation.UPDATED);
          }
        }
        throw new RecordFailure(error.code(), error.retryable(), error.erpCode(), error.message());
      }
      try {
        ObjectNode entity = (ObjectNode) JSON.readTree(response.body());
        JsonNode key = entity.path(keyField);
        String etag = response.header("ETag").orElse(etag(entity));
        return applied(
            jobId,
            mappingId,
            write,
            Map.of(keyField, key.isMissingNode() ? String.valueOf(own) : key.asText()),
            etag,
            WriteOperation.CREATED);
      } catch (IOException | ClassCastException e) {
        throw new RecordFailure(
            ErrorCode.ERP_ERROR,
            false,
            null,
            set + " created, but the Service Layer's answer is not an entity");
      }
    }

    ConnectorResult delete(DeleteRecord command) {
      String set = command.erpEntityName();
      String keyField = ServiceLayer.keyField(set);
      String key = command.erpKey().get(keyField);
      try {
        if (key == null) {
          throw new RecordFailure(
              ErrorCode.VALIDATION_ERROR,
              false,
              null,
              set + " is keyed by " + keyField + ", not " + command.erpKey().keySet());
        }
        ErpResponse response =
            http.send(ErpRequest.of("DELETE", serviceLayer.entity(set, keyField, key), null, null));
        if (!response.ok() && response.status() != 404) {
          throw ODataError.of(response).failure();
        }
        // a record already gone is deleted as far as sync is concerned
        return replies.applied(
            command.jobId(),
            command.mappingId(),
            command.tgmRecordId(),
            command.erpKey(),
            null,
            response.status() == 404 ? WriteOperation.UNCHANGED : WriteOperation.DELETED,
            command.idempotencyKey());
      } catch (ErpCallException e) {
        return replies.recordFailed(
            command.jobId(),
            command.mappingId(),
            command.tgmRecordId(),
            command.erpKey(),
            command.idempotencyKey(),
            failure(e));
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

    /** The entity by key, or empty when the Service Layer has none (404). */
    private Optional<ObjectNode> read(String set, String keyField, String key)
        throws RecordFailure {
      try {
        ErpResponse response =
            http.send(
                ErpRequest.get(serviceLayer.entity(set, keyField, key))
                    .withHeader("Accept", JSON_TYPE));
        if (response.status() == 404) {
          return Optional.empty();
        }
        if (!response.ok()) {
          throw ODataError.of(response).failure();
        }
        return Optional.of((ObjectNode) JSON.readTree(response.body()));
      } catch (ErpCallException e) {
        throw failure(e);
      } catch (IOException | ClassCastException e) {
        throw new RecordFailure(
            ErrorCode.ERP_ERROR,
            false,
            null,
            "The Service Layer answered a read of " + set + " with what is not an entity");
      }
    }

    /** PATCHes the entity; false when it does not exist (404). */
    private boolean patch(String set, String keyField, String key, Map<String, Object> values)
        throws RecordFailure {
      Map<String, Object> changes = new LinkedHashMap<>(values);
      changes.remove(keyField);
      try {
        ErpResponse response =
            http.send(
                ErpRequest.of(
                    "PATCH", serviceLayer.entity(set, keyField, key), JSON_TYPE, bytes(changes)));
        if (response.status() == 404) {
          return false;
        }
        if (!response.ok()) {
          throw ODataError.of(response).failure();
        }
        return true;
      } catch (ErpCallException e) {
        throw failure(e);
      }
    }

    private String etag(JsonNode entity) {
      JsonNode etag = entity.path(serviceLayer.annotation("etag"));
      return etag.isTextual() ? etag.asText() : null;
    }

    private ConnectorResult applied(
        long jobId,
        long mappingId,
        RecordWrite write,
        Map<String, String> key,
        String etag,
        WriteOperation operation) {
      Log.debugf(
          "ErpSync Business One connection %d: %s %s", connection.id(), operation, key.keySet());
      return replies.applied(
          jobId, mappingId, write.tgmRecordId(), key, etag, operation, write.idempotencyKey());
    }
  }

  /** A call without a usable answer, with the Service Layer's own error text when it answered. */
  private static RecordFailure failure(ErpCallException e) {
    return new RecordFailure(e.code(), e.retryable(), e.erpErrorCode(), message(e));
  }

  /** The failure's message, with the Service Layer's own error text when it answered. */
  private static String message(ErpCallException e) {
    return e.response()
        .filter(r -> r.body().length > 0)
        .map(r -> e.getMessage() + ": " + ODataError.of(r).message())
        .orElse(e.getMessage());
  }

  private static byte[] bytes(Map<String, Object> values) {
    try {
      return JSON.writeValueAsBytes(values);
    } catch (IOException e) {
      throw new IllegalStateException("mapped values always serialise", e);
    }
  }
}
