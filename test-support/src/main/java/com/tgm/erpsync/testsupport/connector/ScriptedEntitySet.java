package com.tgm.erpsync.testsupport.connector;

import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.command.DeleteRecord;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.command.RecordWrite;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.ErpRecord;
import com.tgm.erpsync.contracts.result.ExtractFailed;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.result.WriteOperation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * One entity set of a scripted ERP (SAP's Equipment, Business Central's items …): records kept in a
 * stable order by key, paged, counted, versioned by ETag, and failing where a test scripts it.
 *
 * <p>Paging is by key: the cursor is the opaque encoding of the last key sent, so a record put
 * while a sync pages is read if its key sorts after the cursor, as with OData skip tokens. A
 * modifiedSince extract keeps records whose modifiedAt is at or after it ({@code >=}, like an OData
 * {@code ge} filter): a record on the boundary is sent again by the next incremental extract.
 * Records without modifiedAt are read only by full extracts. The command's deltaField and filter
 * are not interpreted: modifiedSince always applies to modifiedAt.
 */
public final class ScriptedEntitySet {
  static final int DEFAULT_PAGE_SIZE = 1000;
  private static final String CURSOR_SEPARATOR = "\u001f";
  private static final long FIRST_ASSIGNED_NUMBER = 1_000_000;

  private final long connectionId;
  private final String name;
  private final TreeMap<RecordKey, ErpRecord> records = new TreeMap<>();
  private final List<ExtractFault> extractFaults = new ArrayList<>();
  private final List<WriteFault> writeFaults = new ArrayList<>();
  private List<String> keyFields = List.of();
  private boolean countsTotal = true;
  private int extractsAnswered;
  private long etagVersion;
  private long nextNumber = FIRST_ASSIGNED_NUMBER;

  ScriptedEntitySet(long connectionId, String name) {
    this.connectionId = connectionId;
    this.name = Objects.requireNonNull(name, "name");
  }

  public long connectionId() {
    return connectionId;
  }

  public String name() {
    return name;
  }

  /**
   * The fields that make a record's key, in sort order. Writes without an erpKey read them out of
   * their values; a set left unconfigured takes the key field names of its first record.
   */
  public synchronized ScriptedEntitySet keyFields(String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException("an entity set needs at least one key field");
    }
    List<String> fields = List.of(names);
    if (!records.isEmpty() && !fields.equals(keyFields)) {
      throw new IllegalStateException(
          name + " already holds records keyed by " + keyFields + ", not " + fields);
    }
    keyFields = fields;
    return this;
  }

  public synchronized List<String> keyFields() {
    return keyFields;
  }

  /** Whether extracts report totalCount (the default) or null, as ERPs that do not count do. */
  public synchronized ScriptedEntitySet countsTotal(boolean counts) {
    this.countsTotal = counts;
    return this;
  }

  /** Adds or replaces a record; one without an ETag gets a fresh one. Not journaled. */
  public synchronized ScriptedEntitySet put(ErpRecord record) {
    store(record);
    return this;
  }

  /** Adds {@code count} records made by {@code factory} from 0 to count - 1, in one go. */
  public ScriptedEntitySet generate(int count, IntFunction<ErpRecord> factory) {
    List<ErpRecord> made = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      made.add(factory.apply(i));
    }
    synchronized (this) {
      made.forEach(this::store);
    }
    return this;
  }

  /** Removes a record as if deleted in the ERP by someone else. Not journaled. */
  public synchronized ScriptedEntitySet remove(Map<String, String> key) {
    RecordKey recordKey = keyOf(key);
    if (recordKey != null) {
      records.remove(recordKey);
    }
    return this;
  }

  public synchronized Optional<ErpRecord> get(Map<String, String> key) {
    RecordKey recordKey = keyOf(key);
    return recordKey == null ? Optional.empty() : Optional.ofNullable(records.get(recordKey));
  }

  /** Every record in key order (a copy). */
  public synchronized List<ErpRecord> records() {
    return List.copyOf(records.values());
  }

  public synchronized int size() {
    return records.size();
  }

  /** How many ExtractPage commands for this set were answered, failed ones included. */
  public synchronized int extractsAnswered() {
    return extractsAnswered;
  }

  /**
   * The {@code nth} ExtractPage of this set (counted from 1, over all jobs) fails with the fault; a
   * repeating fault also fails every later one, e.g. credentials revoked during a sync.
   */
  public synchronized ScriptedEntitySet failExtract(int nth, Fault fault) {
    if (nth < 1) {
      throw new IllegalArgumentException("extracts are counted from 1");
    }
    extractFaults.add(new ExtractFault(nth, Objects.requireNonNull(fault, "fault")));
    return this;
  }

  /**
   * Writes (upserts and deletes) of the record with this key fail with the fault; for a create the
   * key is the one read out of its values.
   */
  public synchronized ScriptedEntitySet failWritesForKey(Map<String, String> erpKey, Fault fault) {
    writeFaults.add(
        new WriteFault(Map.copyOf(erpKey), null, Objects.requireNonNull(fault, "fault")));
    return this;
  }

  /** Writes that carry this TGM record id fail with the fault. */
  public synchronized ScriptedEntitySet failWritesForTgmRecord(long tgmRecordId, Fault fault) {
    writeFaults.add(new WriteFault(null, tgmRecordId, Objects.requireNonNull(fault, "fault")));
    return this;
  }

  synchronized ConnectorResult extract(ExtractPage command, MessageMeta meta) {
    int call = ++extractsAnswered;
    Fault fault = extractFault(call);
    if (fault != null) {
      return extractFailed(command, meta, fault.errorCode(), fault.message(), fault.retryable());
    }
    RecordKey after = null;
    if (command.cursor() != null) {
      after = decodeCursor(command.cursor());
      if (after == null) {
        return extractFailed(
            command,
            meta,
            ErrorCode.VALIDATION_ERROR,
            "Cursor " + command.cursor() + " was not issued for " + name,
            false);
      }
    }
    NavigableMap<RecordKey, ErpRecord> remaining =
        after == null ? records : records.tailMap(after, false);
    int pageSize = command.pageSize() > 0 ? command.pageSize() : DEFAULT_PAGE_SIZE;
    Instant since = command.modifiedSince();
    List<ErpRecord> page = new ArrayList<>(Math.min(pageSize, remaining.size()));
    RecordKey last = null;
    boolean more = false;
    for (Map.Entry<RecordKey, ErpRecord> entry : remaining.entrySet()) {
      if (!modifiedSince(entry.getValue(), since)) {
        continue;
      }
      if (page.size() == pageSize) {
        more = true;
        break;
      }
      page.add(entry.getValue());
      last = entry.getKey();
    }
    return new PageExtracted(
        meta,
        command.connectionId(),
        command.jobId(),
        command.mappingId(),
        command.cursor(),
        more ? encodeCursor(last) : null,
        countsTotal ? count(since) : null,
        Collections.unmodifiableList(page));
  }

  synchronized WriteOutcome upsert(RecordWrite write) {
    Map<String, Object> values = write.values() == null ? Map.of() : write.values();
    Map<String, String> fromValues = keyFromValues(values);
    Map<String, String> named = write.erpKey() != null ? write.erpKey() : fromValues;
    Fault fault = writeFault(named, fromValues, write.tgmRecordId());
    if (fault != null) {
      return new Refused(named, fault.errorCode(), fault.message(), fault.retryable());
    }
    if (keyFields.isEmpty()) {
      return invalid(named, name + " has no key fields configured");
    }
    RecordKey recordKey;
    ErpRecord existing;
    if (write.erpKey() != null) {
      recordKey = keyOf(write.erpKey());
      if (recordKey == null) {
        return invalid(named, "erpKey " + write.erpKey() + " lacks a key field of " + keyFields);
      }
      existing = records.get(recordKey);
      if (existing == null) {
        return new Refused(
            named,
            ErrorCode.NOT_FOUND,
            name + " " + write.erpKey() + " does not exist in the ERP",
            false);
      }
    } else if (fromValues != null) {
      recordKey = keyOf(fromValues);
      existing = records.get(recordKey);
    } else if (keyFields.size() == 1) {
      recordKey = assignNumber();
      existing = null;
    } else {
      return invalid(named, "values lack a key field of " + keyFields);
    }
    if (existing != null && etagMismatch(write.ifMatch(), existing)) {
      return etagMismatch(existing, write.ifMatch());
    }
    Map<String, Object> stored = new LinkedHashMap<>();
    if (existing != null) {
      stored.putAll(existing.values());
    } else {
      keyMap(recordKey).forEach(stored::put);
    }
    stored.putAll(values);
    ErpRecord written =
        new ErpRecord(
            keyMap(recordKey), nextEtag(), Instant.now(), Collections.unmodifiableMap(stored));
    records.put(recordKey, written);
    return new Applied(
        written.key(),
        written.etag(),
        existing == null ? WriteOperation.CREATED : WriteOperation.UPDATED);
  }

  /** A record already gone is UNCHANGED, not NOT_FOUND: deletes are delivered at least once. */
  synchronized WriteOutcome delete(DeleteRecord command) {
    Fault fault = writeFault(command.erpKey(), null, command.tgmRecordId());
    if (fault != null) {
      return new Refused(command.erpKey(), fault.errorCode(), fault.message(), fault.retryable());
    }
    RecordKey recordKey = keyOf(command.erpKey());
    if (recordKey == null) {
      return invalid(
          command.erpKey(), "erpKey " + command.erpKey() + " lacks a key field of " + keyFields);
    }
    ErpRecord existing = records.get(recordKey);
    if (existing == null) {
      return new Applied(keyMap(recordKey), null, WriteOperation.UNCHANGED);
    }
    if (etagMismatch(command.ifMatch(), existing)) {
      return etagMismatch(existing, command.ifMatch());
    }
    records.remove(recordKey);
    return new Applied(existing.key(), null, WriteOperation.DELETED);
  }

  private void store(ErpRecord record) {
    Objects.requireNonNull(record.key(), "key");
    if (keyFields.isEmpty()) {
      keyFields = record.key().keySet().stream().sorted().toList();
    }
    RecordKey recordKey = keyOf(record.key());
    if (recordKey == null) {
      throw new IllegalArgumentException(
          name + " records are keyed by " + keyFields + ", not " + record.key().keySet());
    }
    Map<String, Object> values =
        record.values() == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(record.values()));
    records.put(
        recordKey,
        new ErpRecord(
            keyMap(recordKey),
            record.etag() == null ? nextEtag() : record.etag(),
            record.modifiedAt(),
            values));
  }

  private Fault extractFault(int call) {
    for (ExtractFault rule : extractFaults) {
      if (rule.fault().repeats() ? call >= rule.nth() : call == rule.nth()) {
        return rule.fault();
      }
    }
    return null;
  }

  private Fault writeFault(Map<String, String> named, Map<String, String> fromValues, Long tgmId) {
    Iterator<WriteFault> rules = writeFaults.iterator();
    while (rules.hasNext()) {
      WriteFault rule = rules.next();
      boolean matches =
          rule.key() != null
              ? rule.key().equals(named) || rule.key().equals(fromValues)
              : rule.tgmRecordId().equals(tgmId);
      if (matches) {
        if (!rule.fault().repeats()) {
          rules.remove();
        }
        return rule.fault();
      }
    }
    return null;
  }

  private static boolean etagMismatch(String ifMatch, ErpRecord existing) {
    return ifMatch != null && !ifMatch.equals(existing.etag());
  }

  private Refused etagMismatch(ErpRecord existing, String ifMatch) {
    return new Refused(
        existing.key(),
        ErrorCode.ETAG_MISMATCH,
        name
            + " "
            + existing.key()
            + " was changed in the ERP: If-Match "
            + ifMatch
            + " does not match its ETag "
            + existing.etag(),
        true);
  }

  private static Refused invalid(Map<String, String> key, String message) {
    return new Refused(key, ErrorCode.VALIDATION_ERROR, message, false);
  }

  private static boolean modifiedSince(ErpRecord record, Instant since) {
    return since == null || (record.modifiedAt() != null && !record.modifiedAt().isBefore(since));
  }

  private long count(Instant since) {
    if (since == null) {
      return records.size();
    }
    return records.values().stream().filter(r -> modifiedSince(r, since)).count();
  }

  private String nextEtag() {
    return "W/\"" + ++etagVersion + "\"";
  }

  /** ERPs number new records themselves when the key is a single, unset field. */
  private RecordKey assignNumber() {
    RecordKey key;
    do {
      key = new RecordKey(List.of(Long.toString(nextNumber++)));
    } while (records.containsKey(key));
    return key;
  }

  private Map<String, String> keyFromValues(Map<String, Object> values) {
    if (keyFields.isEmpty()) {
      return null;
    }
    Map<String, String> key = new LinkedHashMap<>();
    for (String field : keyFields) {
      Object value = values.get(field);
      if (value == null) {
        return null;
      }
      key.put(field, value.toString());
    }
    return Collections.unmodifiableMap(key);
  }

  private RecordKey keyOf(Map<String, String> key) {
    if (key == null || keyFields.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>(keyFields.size());
    for (String field : keyFields) {
      String value = key.get(field);
      if (value == null) {
        return null;
      }
      parts.add(value);
    }
    return new RecordKey(List.copyOf(parts));
  }

  private Map<String, String> keyMap(RecordKey key) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyFields.size(); i++) {
      map.put(keyFields.get(i), key.parts().get(i));
    }
    return Collections.unmodifiableMap(map);
  }

  private static String encodeCursor(RecordKey key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            String.join(CURSOR_SEPARATOR, key.parts()).getBytes(StandardCharsets.UTF_8));
  }

  private RecordKey decodeCursor(String cursor) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      List<String> parts = Arrays.asList(decoded.split(CURSOR_SEPARATOR, -1));
      return parts.size() == keyFields.size() ? new RecordKey(List.copyOf(parts)) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static ExtractFailed extractFailed(
      ExtractPage command, MessageMeta meta, ErrorCode code, String message, boolean retryable) {
    return new ExtractFailed(
        meta,
        command.connectionId(),
        command.jobId(),
        command.mappingId(),
        command.cursor(),
        code,
        message,
        retryable,
        null);
  }

  /** Key values in key-field order, compared part by part. */
  private record RecordKey(List<String> parts) implements Comparable<RecordKey> {
    @Override
    public int compareTo(RecordKey other) {
      for (int i = 0; i < parts.size(); i++) {
        int order = parts.get(i).compareTo(other.parts.get(i));
        if (order != 0) {
          return order;
        }
      }
      return 0;
    }
  }

  private record ExtractFault(int nth, Fault fault) {}

  private record WriteFault(Map<String, String> key, Long tgmRecordId, Fault fault) {}

  /** What a write did to the set. */
  sealed interface WriteOutcome permits Applied, Refused {}

  record Applied(Map<String, String> erpKey, String etag, WriteOperation operation)
      implements WriteOutcome {}

  record Refused(Map<String, String> erpKey, ErrorCode errorCode, String message, boolean retryable)
      implements WriteOutcome {}
}
