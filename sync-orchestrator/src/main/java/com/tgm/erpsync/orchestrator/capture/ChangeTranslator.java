package com.tgm.erpsync.orchestrator.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.TgmField;
import com.tgm.erpsync.contracts.TgmFieldCatalogue;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.change.ChangeOperation;
import com.tgm.erpsync.contracts.change.TgmRecordChanged;
import com.tgm.erpsync.mapping.engine.MappingJson;
import com.tgm.erpsync.orchestrator.tgm.TgmTables;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns Debezium's change events of schema tgm into {@link TgmRecordChanged}, so the capture
 * envelope never leaves the orchestrator. Values take the form TgmStore reads rows in (catalogue
 * field names; decimals exact; dates {@code 2017-04-13}; timestamps ISO instants; jsonb as JSON).
 *
 * <p>It also follows {@link SyncOrigin} markers: a marker names the connection whose records the
 * rest of its transaction writes, and every row change of that transaction after it carries the
 * connection. Events of one transaction arrive together and in WAL order, so one current
 * transaction is all it remembers. One translator serves one engine run, on its one thread.
 */
final class ChangeTranslator {
  /** What Debezium puts in place of an unchanged TOAST value it did not receive. */
  static final String UNAVAILABLE = "__debezium_unavailable_value";

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      MappingJson.newObjectMapper();

  private Long originTransaction;
  private Long originConnection;

  /**
   * The change an event stands for, or null for an event that is none (heartbeats, the markers,
   * events of other kinds).
   *
   * @throws UntranslatableChangeException when the event is a change that cannot be translated
   */
  TgmRecordChanged translate(SourceRecord record) {
    if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
      return null;
    }
    String op = value.getString("op");
    Struct source = struct(value, "source");
    Long transaction = source == null ? null : number(source, "txId");
    if ("m".equals(op)) {
      followMarker(record, value, transaction);
      return null;
    }
    ChangeOperation operation =
        switch (op) {
          case "c", "r" -> ChangeOperation.CREATE;
          case "u" -> ChangeOperation.UPDATE;
          case "d" -> ChangeOperation.DELETE;
          default -> null;
        };
    if (operation == null) {
      return null;
    }
    if (transaction == null || !transaction.equals(originTransaction)) {
      originTransaction = null;
      originConnection = null;
    }
    String table = source == null ? null : text(source, "schema") + "." + text(source, "table");
    EntityType entity = entityOf(source, table);
    Struct before = struct(value, "before");
    Struct after = struct(value, "after");
    Struct image = operation == ChangeOperation.DELETE ? before : after;
    if (image == null) {
      throw new UntranslatableChangeException(
          table, "a " + operation + " of " + table + " without the row's values");
    }
    Object id = image.schema().field("id") == null ? null : image.get("id");
    if (!(id instanceof Number number)) {
      throw new UntranslatableChangeException(table, "a change of " + table + " without its id");
    }
    long recordId = number.longValue();
    String key = Topics.tgmRecordKey(entity, recordId);
    Map<String, Object> values = values(entity, key, image, before);
    List<String> changed =
        operation == ChangeOperation.UPDATE && before != null
            ? changedFields(entity, key, before, values)
            : null;
    Long lsn = number(source, "lsn");
    Long commitMillis = number(source, "ts_ms");
    return new TgmRecordChanged(
        meta(key, operation, lsn, transaction),
        entity,
        recordId,
        operation,
        values,
        changed,
        commitMillis == null ? null : Instant.ofEpochMilli(commitMillis),
        transaction,
        lsn == null ? null : lsnText(lsn),
        originConnection);
  }

  /** PostgreSQL's form of an LSN: {@code 0/16B3748}. */
  static String lsnText(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase()
        + "/"
        + Long.toHexString(lsn & 0xffffffffL).toUpperCase();
  }

  private void followMarker(SourceRecord record, Struct value, Long transaction) {
    Struct message = struct(value, "message");
    if (message == null || !SyncOrigin.PREFIX.equals(text(message, "prefix"))) {
      return;
    }
    Object content = message.get("content");
    String text =
        content instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.UTF_8)
            : content instanceof ByteBuffer buffer
                ? StandardCharsets.UTF_8.decode(buffer.duplicate()).toString()
                : String.valueOf(content);
    long connection;
    try {
      connection = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new UntranslatableChangeException(
          record.topic(), "a sync origin marker whose content is not a connection id: " + text);
    }
    if (transaction == null) {
      throw new UntranslatableChangeException(
          record.topic(), "a sync origin marker outside a transaction marks no row");
    }
    originTransaction = transaction;
    originConnection = connection;
  }

  private static EntityType entityOf(Struct source, String table) {
    if (source == null || !TgmTables.SCHEMA.equals(text(source, "schema"))) {
      throw new UntranslatableChangeException(
          table, "a change of " + table + " outside schema tgm");
    }
    return TgmTables.entityOf(text(source, "table"))
        .orElseThrow(
            () ->
                new UntranslatableChangeException(
                    table, "table " + table + " is not a TGM entity table"));
  }

  /**
   * Every catalogue field the image has; an unchanged TOAST value is taken from the before image.
   */
  private static Map<String, Object> values(
      EntityType entity, String key, Struct image, Struct before) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (TgmField field : TgmFieldCatalogue.fieldsOf(entity)) {
      String column = TgmTables.column(field.name());
      Field columnField = image.schema().field(column);
      if (columnField == null) {
        continue;
      }
      Object raw = image.get(columnField);
      if (UNAVAILABLE.equals(raw)) {
        Field old = before == null ? null : before.schema().field(column);
        raw = old == null ? UNAVAILABLE : before.get(old);
        if (UNAVAILABLE.equals(raw)) {
          throw new UntranslatableChangeException(
              key, field.name() + " of " + key + " was not in the change (unchanged TOAST value)");
        }
      }
      values.put(field.name(), value(key, field, columnField.schema(), raw));
    }
    return values;
  }

  private static List<String> changedFields(
      EntityType entity, String key, Struct before, Map<String, Object> after) {
    List<String> changed = new ArrayList<>();
    for (TgmField field : TgmFieldCatalogue.fieldsOf(entity)) {
      Field column = before.schema().field(TgmTables.column(field.name()));
      if (column == null || !after.containsKey(field.name())) {
        return null;
      }
      Object raw = before.get(column);
      if (UNAVAILABLE.equals(raw)) {
        continue; // unchanged TOAST value: the column kept its value
      }
      if (!Objects.equals(value(key, field, column.schema(), raw), after.get(field.name()))) {
        changed.add(field.name());
      }
    }
    return changed;
  }

  /** A column value in TgmStore's JSON form, JSON null when the column is null. */
  private static JsonNode value(String key, TgmField field, Schema schema, Object raw) {
    if (raw == null) {
      return NullNode.getInstance();
    }
    try {
      return switch (field.fieldType()) {
        case STRING, ENUM -> TextNode.valueOf(raw.toString());
        case INTEGER, REFERENCE -> {
          long number = ((Number) raw).longValue();
          yield number == (int) number ? IntNode.valueOf((int) number) : LongNode.valueOf(number);
        }
        case DECIMAL -> DecimalNode.valueOf(plain(decimal(raw)));
        case BOOLEAN -> BooleanNode.valueOf((Boolean) raw);
        case DATE -> TextNode.valueOf(date(schema, raw).toString());
        case DATETIME -> TextNode.valueOf(instant(schema, raw).toString());
        case JSON -> JSON.readTree(raw.toString());
      };
    } catch (ClassCastException
        | NumberFormatException
        | DateTimeException
        | JsonProcessingException e) {
      throw new UntranslatableChangeException(
          key,
          field.name() + " of " + key + " is not a " + field.fieldType() + " value: " + raw,
          e);
    }
  }

  private static BigDecimal decimal(Object raw) {
    return raw instanceof BigDecimal exact ? exact : new BigDecimal(raw.toString());
  }

  /** As TgmValues: without trailing zeros, never in exponent form (1250.0000 is 1250). */
  private static BigDecimal plain(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static LocalDate date(Schema schema, Object raw) {
    if (raw instanceof java.util.Date date) {
      return date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
    if (raw instanceof Number days) {
      return LocalDate.ofEpochDay(days.longValue()); // io.debezium.time.Date
    }
    return LocalDate.parse(raw.toString());
  }

  private static Instant instant(Schema schema, Object raw) {
    if (raw instanceof java.util.Date date) {
      return date.toInstant();
    }
    String name = schema.name() == null ? "" : schema.name();
    if (raw instanceof Number number) {
      long value = number.longValue();
      return switch (name) {
        case "io.debezium.time.MicroTimestamp" ->
            Instant.EPOCH.plusNanos(Math.multiplyExact(value, 1_000L));
        case "io.debezium.time.NanoTimestamp" -> Instant.EPOCH.plusNanos(value);
        default -> Instant.ofEpochMilli(value);
      };
    }
    // io.debezium.time.ZonedTimestamp: ISO-8601 with offset
    return OffsetDateTime.parse(raw.toString()).toInstant();
  }

  /** A messageId that a replayed event keeps, so consumers can drop the second delivery. */
  private static MessageMeta meta(
      String key, ChangeOperation operation, Long lsn, Long transaction) {
    String identity = key + "|" + operation + "|" + lsn + "|" + transaction;
    String messageId = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    return new MessageMeta(
        MessageMeta.CURRENT_SCHEMA_VERSION, messageId, null, null, null, Instant.now());
  }

  private static Struct struct(Struct parent, String name) {
    return parent.schema().field(name) == null ? null : parent.getStruct(name);
  }

  private static String text(Struct struct, String name) {
    Object value = struct.schema().field(name) == null ? null : struct.get(name);
    return value == null ? null : value.toString();
  }

  private static Long number(Struct struct, String name) {
    if (struct == null || struct.schema().field(name) == null) {
      return null;
    }
    Object value = struct.get(name);
    return value instanceof Number n ? n.longValue() : null;
  }
}
