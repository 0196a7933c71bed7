package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs one entity mapping: ERP records to TGM records and back, field by field, plus the record
 * hash for echo suppression and the three-way merge for conflicts. Compile once per mapping
 * version, then share: an engine is immutable and thread-safe (if its {@link ReferenceResolver}
 * is).
 *
 * <p>A field flows inbound (ERP → TGM) when both its own and the mapping's syncDirection allow it,
 * and outbound likewise; a missing direction means BIDIRECTIONAL. Bad data never throws: every
 * field that fails becomes a {@link FieldProblem} in the result, naming the record, the field, the
 * value and what was expected. Only misuse (null arguments, an invalid mapping) throws.
 */
public final class MappingEngine {
  private static final ObjectNode EMPTY = Values.NODES.objectNode();
  private static final HexFormat HEX = HexFormat.of();

  /** Cloned per hash: cheaper than a provider lookup, and a clone is never shared. */
  private static final MessageDigest SHA_256 = newSha256();

  /** A TGM field as hashing and merging see it, however many field mappings name it. */
  private record Slot(String name, ValueConverter converter, boolean inbound, boolean outbound) {}

  private final MappingSnapshot mapping;
  private final EntityType entity;
  private final List<CompiledField> inbound;
  private final List<CompiledField> outbound;
  private final List<CompiledField> keys;
  private final List<Slot> slots;
  private final List<Slot> hashAll;
  private final List<Slot> hashInbound;
  private final List<Slot> hashOutbound;

  private MappingEngine(MappingSnapshot mapping, ReferenceResolver resolver) {
    this.mapping = mapping;
    this.entity = mapping.tgmEntityType();
    SyncDirection direction = directionOf(mapping);
    List<CompiledField> all = new ArrayList<>();
    for (FieldMappingSpec spec : specs(mapping)) {
      ValueConverter converter = ValueConverter.of(spec, mapping.connectionId(), resolver);
      JsonNode tgmDefault;
      try {
        tgmDefault =
            spec.defaultValue() == null ? null : converter.parseDefault(spec.defaultValue());
      } catch (ConversionFailure e) {
        throw new IllegalStateException("validated default did not parse", e);
      }
      all.add(
          new CompiledField(spec, direction, ErpPath.of(spec.erpField()), converter, tgmDefault));
    }
    this.inbound = all.stream().filter(f -> f.inbound).toList();
    this.outbound = all.stream().filter(f -> f.outbound).toList();
    this.keys = all.stream().filter(f -> f.key).toList();

    Map<String, Slot> byName = new LinkedHashMap<>();
    for (CompiledField field : all) {
      if (field.inbound || field.outbound) {
        byName.merge(
            field.tgmField,
            new Slot(field.tgmField, field.converter, field.inbound, field.outbound),
            (first, next) ->
                new Slot(
                    first.name,
                    first.converter,
                    first.inbound || next.inbound,
                    first.outbound || next.outbound));
      }
    }
    this.slots = List.copyOf(byName.values());
    List<Slot> sorted = new ArrayList<>(slots);
    sorted.sort(Comparator.comparing(Slot::name));
    this.hashAll = List.copyOf(sorted);
    this.hashInbound = sorted.stream().filter(Slot::inbound).toList();
    this.hashOutbound = sorted.stream().filter(Slot::outbound).toList();
  }

  /**
   * Checks a mapping before it is stored: unknown or unfitting formats and time zones, defaults
   * that are no value of their type, value maps that cannot be read backwards, REFERENCE fields
   * without a target, missing names, a TGM field filled from two ERP fields, an ERP field written
   * from two TGM fields. Every problem has code MAPPING_ERROR and an empty record.
   */
  public static List<FieldProblem> validate(MappingSnapshot mapping) {
    Objects.requireNonNull(mapping, "mapping");
    List<FieldProblem> problems = new ArrayList<>();
    SyncDirection direction = directionOf(mapping);
    Map<String, String> inboundTgmFields = new HashMap<>();
    Map<String, String> outboundErpFields = new HashMap<>();
    Map<String, FieldType> typeOfTgmField = new HashMap<>();
    List<FieldMappingSpec> specs =
        mapping.fieldMappings() == null ? List.of() : mapping.fieldMappings();
    for (int i = 0; i < specs.size(); i++) {
      FieldMappingSpec spec = specs.get(i);
      if (spec == null) {
        problems.add(configProblem(mapping, null, "field mapping #" + (i + 1) + " is empty", null));
        continue;
      }
      if (spec.tgmField() == null || spec.tgmField().isBlank()) {
        problems.add(configProblem(mapping, spec, "tgmField is missing", null));
      }
      try {
        ErpPath.of(spec.erpField());
      } catch (IllegalArgumentException e) {
        problems.add(configProblem(mapping, spec, e.getMessage(), spec.erpField()));
      }
      if (spec.fieldType() == null) {
        problems.add(configProblem(mapping, spec, "fieldType is missing", null));
        continue;
      }
      ValueConverter converter;
      try {
        converter = ValueConverter.of(spec, mapping.connectionId(), ReferenceResolver.none());
      } catch (IllegalArgumentException e) {
        problems.add(configProblem(mapping, spec, e.getMessage(), spec.format()));
        continue;
      }
      if (spec.defaultValue() != null) {
        try {
          if (converter.parseDefault(spec.defaultValue()) == null) {
            throw ConversionFailure.invalid("is empty");
          }
        } catch (ConversionFailure e) {
          problems.add(
              configProblem(
                  mapping,
                  spec,
                  "defaultValue "
                      + Values.quote(spec.defaultValue())
                      + " "
                      + e.detail()
                      + "; expected "
                      + converter.expectedTgm(),
                  spec.defaultValue()));
        }
      }
      SyncDirection own =
          spec.syncDirection() == null ? SyncDirection.BIDIRECTIONAL : spec.syncDirection();
      boolean flowsIn = own.allowsInbound() && direction.allowsInbound();
      boolean flowsOut = own.allowsOutbound() && direction.allowsOutbound();
      if (flowsIn && converter instanceof EnumConverter enumConverter) {
        Map<String, String> firstTgmValue = new HashMap<>();
        enumConverter
            .valueMap()
            .forEach(
                (tgm, erp) -> {
                  String earlier = firstTgmValue.putIfAbsent(erp, tgm);
                  if (earlier != null) {
                    problems.add(
                        configProblem(
                            mapping,
                            spec,
                            "valueMap maps both "
                                + Values.quote(earlier)
                                + " and "
                                + Values.quote(tgm)
                                + " to ERP value "
                                + Values.quote(erp)
                                + ", so inbound cannot tell them apart",
                            erp));
                  }
                });
      }
      if (spec.tgmField() != null && spec.erpField() != null) {
        if (flowsIn) {
          String earlier = inboundTgmFields.putIfAbsent(spec.tgmField(), spec.erpField());
          if (earlier != null) {
            problems.add(
                configProblem(
                    mapping,
                    spec,
                    "TGM field "
                        + spec.tgmField()
                        + " is also filled from ERP field "
                        + earlier
                        + "; inbound a field can have one source",
                    null));
          }
        }
        if (flowsOut) {
          String earlier = outboundErpFields.putIfAbsent(spec.erpField(), spec.tgmField());
          if (earlier != null) {
            problems.add(
                configProblem(
                    mapping,
                    spec,
                    "ERP field "
                        + spec.erpField()
                        + " is also written from TGM field "
                        + earlier
                        + "; outbound a field can have one source",
                    null));
          }
        }
        FieldType earlierType = typeOfTgmField.putIfAbsent(spec.tgmField(), spec.fieldType());
        if (earlierType != null && earlierType != spec.fieldType()) {
          problems.add(
              configProblem(
                  mapping,
                  spec,
                  "TGM field " + spec.tgmField() + " is also mapped as " + earlierType,
                  null));
        }
      }
    }
    return problems;
  }

  /**
   * The engine for a mapping.
   *
   * @param resolver translates REFERENCE values; {@link ReferenceResolver#none()} when the mapping
   *     has none
   * @throws InvalidMappingException when {@link #validate} finds problems
   */
  public static MappingEngine compile(MappingSnapshot mapping, ReferenceResolver resolver) {
    Objects.requireNonNull(resolver, "resolver");
    List<FieldProblem> problems = validate(mapping);
    if (!problems.isEmpty()) {
      throw new InvalidMappingException(problems);
    }
    return new MappingEngine(mapping, resolver);
  }

  public MappingSnapshot mapping() {
    return mapping;
  }

  /**
   * An ERP record (as the ERP sends it, one entity: OData's {@code d} envelope already removed) to
   * a TGM record with the fields that flow inbound. A field the ERP did not send is left out (it
   * takes its defaultValue if it has one), a JSON null stays null; a required field without value
   * is a VALIDATION_ERROR.
   */
  public MappingResult toTgm(JsonNode erpRecord) {
    Objects.requireNonNull(erpRecord, "erpRecord");
    ObjectNode out = Values.NODES.objectNode();
    if (!erpRecord.isObject()) {
      return notAnObject(out, erpRecord);
    }
    List<FieldProblem> problems = null;
    for (CompiledField field : inbound) {
      JsonNode raw;
      JsonNode value = null;
      try {
        raw = field.erpPath.read(erpRecord);
        if (raw != null && !raw.isNull()) {
          value = field.converter.toTgm(raw);
        }
      } catch (ConversionFailure e) {
        problems =
            add(problems, problem(field, true, erpRecord, offendingValue(field, erpRecord, e), e));
        continue;
      }
      if (value == null || field.required && isBlankString(field, value)) {
        if (field.tgmDefault != null) {
          value = field.tgmDefault.deepCopy();
        } else if (field.required) {
          problems = add(problems, missing(field, true, erpRecord));
          continue;
        } else if (raw == null) {
          continue;
        } else if (value == null) {
          value = NullNode.getInstance();
        }
      }
      out.set(field.tgmField, value);
    }
    return new MappingResult(out, problems == null ? List.of() : problems);
  }

  /**
   * A TGM record to an ERP record with the fields that flow outbound, dotted ERP fields as nested
   * objects. Missing fields, defaults and required fields as in {@link #toTgm}.
   */
  public MappingResult toErp(JsonNode tgmRecord) {
    return outbound(tgmRecord, false);
  }

  /**
   * Like {@link #toErp}, for a partial update (PATCH): only the fields present in {@code tgmValues}
   * are mapped, so absent ones are neither required nor defaulted. For a merge's {@link
   * MergeResult#erpUpdates()}.
   */
  public MappingResult toErpPatch(JsonNode tgmValues) {
    return outbound(tgmValues, true);
  }

  private MappingResult outbound(JsonNode tgmRecord, boolean patch) {
    Objects.requireNonNull(tgmRecord, "tgmRecord");
    ObjectNode out = Values.NODES.objectNode();
    if (!tgmRecord.isObject()) {
      return notAnObject(out, tgmRecord);
    }
    List<FieldProblem> problems = null;
    for (CompiledField field : outbound) {
      JsonNode raw = tgmRecord.get(field.tgmField);
      if (patch && raw == null) {
        continue;
      }
      JsonNode value = null;
      try {
        if (raw != null && !raw.isNull()) {
          value = field.converter.toErp(raw);
        }
      } catch (ConversionFailure e) {
        problems = add(problems, problem(field, false, tgmRecord, raw, e));
        continue;
      }
      if (value == null || field.required && isBlankString(field, value)) {
        if (field.tgmDefault != null) {
          try {
            value = field.converter.toErp(field.tgmDefault);
          } catch (ConversionFailure e) {
            problems = add(problems, problem(field, false, tgmRecord, field.tgmDefault, e));
            continue;
          }
        } else if (field.required) {
          problems = add(problems, missing(field, false, tgmRecord));
          continue;
        } else if (raw == null) {
          continue;
        } else if (value == null) {
          value = NullNode.getInstance();
        }
      }
      field.erpPath.write(out, value);
    }
    return new MappingResult(out, problems == null ? List.of() : problems);
  }

  /**
   * The ERP key of an ERP record: its key fields (ERP names, mapping order) and their values as the
   * ERP sent them, e.g. {@code {Equipment=10000045, ValidityEndDate=/Date(253402214400000)/}}.
   * Empty when the mapping has no key fields or the record lacks a key value.
   */
  public Optional<Map<String, String>> erpKey(JsonNode erpRecord) {
    Objects.requireNonNull(erpRecord, "erpRecord");
    if (keys.isEmpty() || !erpRecord.isObject()) {
      return Optional.empty();
    }
    Map<String, String> key = new LinkedHashMap<>();
    for (CompiledField field : keys) {
      String text;
      try {
        text = keyText(field.erpPath.read(erpRecord));
      } catch (ConversionFailure e) {
        return Optional.empty();
      }
      if (text == null) {
        return Optional.empty();
      }
      key.put(field.erpField(), text);
    }
    return Optional.of(Collections.unmodifiableMap(key));
  }

  /**
   * The ERP key a TGM record would have in the ERP: its key fields' values converted as they would
   * be written (whatever the fields' directions), to find the ERP record before creating one. Empty
   * when the mapping has no key fields or a key value is missing or does not convert.
   */
  public Optional<Map<String, String>> erpKeyFor(JsonNode tgmRecord) {
    Objects.requireNonNull(tgmRecord, "tgmRecord");
    if (keys.isEmpty() || !tgmRecord.isObject()) {
      return Optional.empty();
    }
    Map<String, String> key = new LinkedHashMap<>();
    for (CompiledField field : keys) {
      JsonNode value = tgmRecord.get(field.tgmField);
      if (value == null || value.isNull()) {
        value = field.tgmDefault;
      }
      String text;
      try {
        text = value == null ? null : keyText(field.converter.toErp(value));
      } catch (ConversionFailure e) {
        return Optional.empty();
      }
      if (text == null) {
        return Optional.empty();
      }
      key.put(field.erpField(), text);
    }
    return Optional.of(Collections.unmodifiableMap(key));
  }

  /**
   * SHA-256 (hex) of a TGM record's mapped field values, whichever way they flow: the same for the
   * same meaning, whatever the field order, the number formatting (7.4, "7.400", 7.40), the way a
   * date-time is written (offset, precision finer than the format keeps) or whether an empty value
   * is null, absent or "". Fields outside the mapping do not count.
   */
  public String hash(JsonNode tgmRecord) {
    return hash(tgmRecord, hashAll);
  }

  /**
   * {@link #hash} over the fields that flow ERP → TGM only: compare the hash of {@code
   * toTgm(erpRecord)} with the merge base's to recognise an echo coming back from the ERP.
   */
  public String inboundHash(JsonNode tgmRecord) {
    return hash(tgmRecord, hashInbound);
  }

  /**
   * {@link #hash} over the fields that flow TGM → ERP only: compare a TGM change's hash with the
   * merge base's to recognise an echo of a write into TGM.
   */
  public String outboundHash(JsonNode tgmRecord) {
    return hash(tgmRecord, hashOutbound);
  }

  private String hash(JsonNode record, List<Slot> fields) {
    Objects.requireNonNull(record, "record");
    StringBuilder text = new StringBuilder(512);
    for (Slot slot : fields) {
      String canonical = canonical(slot, record.get(slot.name));
      if (canonical != null) {
        text.append(slot.name.length()).append(':').append(slot.name);
        text.append(canonical.length()).append(':').append(canonical).append(';');
      }
    }
    return HEX.formatHex(sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Three-way merge of a record changed in TGM, in the ERP, or both, since the last sync.
   *
   * <p>A value absent from {@code tgm} or {@code erp} counts as unchanged; values are compared by
   * meaning (as {@link #hash} does). A record changed on one side only takes that side's changes,
   * whatever the strategy; a change both sides made alike counts for neither. A record changed on
   * both sides is settled by the strategy: TGM_WINS and ERP_WINS give every field to that side;
   * NEWEST_WINS to the side with the later modification time, where a tie, or two missing times,
   * goes to the ERP (the system of record) and a side without a time loses to one with; MERGE takes
   * each field from the side that changed it, and leaves fields changed on both sides to different
   * values unresolved (changed on both to the same value is no conflict); MANUAL resolves nothing:
   * every field on which the sides differ is left unresolved, written nowhere.
   *
   * <p>A field that flows one way only is never a conflict: the side it flows from is its source.
   *
   * @param base the last synced values (TGM field names), or null before the first sync
   * @param tgm the TGM record now
   * @param erp the ERP record now, mapped with {@link #toTgm}
   * @param strategy null for the mapping's conflictResolution (MANUAL when that is unset)
   */
  public MergeResult merge(
      JsonNode base,
      JsonNode tgm,
      JsonNode erp,
      ConflictResolution strategy,
      Instant tgmModifiedAt,
      Instant erpModifiedAt) {
    Objects.requireNonNull(tgm, "tgm");
    Objects.requireNonNull(erp, "erp");
    ConflictResolution how = strategy != null ? strategy : mapping.conflictResolution();
    if (how == null) {
      how = ConflictResolution.MANUAL;
    }
    JsonNode from = base == null ? EMPTY : base;
    int count = slots.size();
    String[] baseValues = new String[count];
    String[] tgmValues = new String[count];
    String[] erpValues = new String[count];
    boolean changedInTgm = false;
    boolean changedInErp = false;
    for (int i = 0; i < count; i++) {
      Slot slot = slots.get(i);
      baseValues[i] = canonical(slot, from.get(slot.name));
      JsonNode t = tgm.get(slot.name);
      JsonNode e = erp.get(slot.name);
      tgmValues[i] = t == null ? baseValues[i] : canonical(slot, t);
      erpValues[i] = e == null ? baseValues[i] : canonical(slot, e);
      // a change both sides made alike is no side's own: it does not make the record a conflict
      if (slot.inbound && slot.outbound && !Objects.equals(tgmValues[i], erpValues[i])) {
        changedInTgm |= !Objects.equals(tgmValues[i], baseValues[i]);
        changedInErp |= !Objects.equals(erpValues[i], baseValues[i]);
      }
    }
    boolean both = changedInTgm && changedInErp;
    MergeResult.Side winner = null;
    if (both) {
      winner =
          switch (how) {
            case TGM_WINS -> MergeResult.Side.TGM;
            case ERP_WINS -> MergeResult.Side.ERP;
            case NEWEST_WINS -> newer(tgmModifiedAt, erpModifiedAt);
            case MERGE, MANUAL -> null;
          };
    }

    ObjectNode merged = Values.NODES.objectNode();
    ObjectNode tgmUpdates = Values.NODES.objectNode();
    ObjectNode erpUpdates = Values.NODES.objectNode();
    List<String> conflicts = new ArrayList<>();
    List<String> unresolved = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Slot slot = slots.get(i);
      JsonNode b = from.get(slot.name);
      JsonNode t = tgm.get(slot.name);
      JsonNode e = erp.get(slot.name);
      boolean tgmChanged = !Objects.equals(tgmValues[i], baseValues[i]);
      boolean erpChanged = !Objects.equals(erpValues[i], baseValues[i]);
      boolean differ = !Objects.equals(tgmValues[i], erpValues[i]);

      if (!slot.outbound || !slot.inbound) {
        // one way only: the side it flows from is the source of truth
        JsonNode source = slot.inbound ? e : t;
        JsonNode value = source != null ? source : b;
        put(merged, slot.name, value);
        if (source != null && differ) {
          put(slot.inbound ? tgmUpdates : erpUpdates, slot.name, source);
        }
        continue;
      }
      if (tgmChanged && erpChanged && differ) {
        conflicts.add(slot.name);
      }
      if (winner != null) {
        JsonNode value = winner == MergeResult.Side.TGM ? or(t, b) : or(e, b);
        put(merged, slot.name, value);
        if (differ && value != null) {
          put(winner == MergeResult.Side.TGM ? erpUpdates : tgmUpdates, slot.name, value);
        }
        continue;
      }
      boolean held =
          differ && (how == ConflictResolution.MANUAL && both || tgmChanged && erpChanged);
      if (held) {
        unresolved.add(slot.name);
        put(merged, slot.name, b);
      } else if (tgmChanged && !erpChanged) {
        put(merged, slot.name, t);
        if (differ) {
          put(erpUpdates, slot.name, t);
        }
      } else if (erpChanged && !tgmChanged) {
        put(merged, slot.name, e);
        if (differ) {
          put(tgmUpdates, slot.name, e);
        }
      } else {
        put(merged, slot.name, or(t, or(e, b)));
      }
    }
    return new MergeResult(merged, tgmUpdates, erpUpdates, conflicts, unresolved, both, winner);
  }

  private static MergeResult.Side newer(Instant tgmModifiedAt, Instant erpModifiedAt) {
    if (tgmModifiedAt != null && erpModifiedAt != null) {
      return tgmModifiedAt.isAfter(erpModifiedAt) ? MergeResult.Side.TGM : MergeResult.Side.ERP;
    }
    return tgmModifiedAt != null ? MergeResult.Side.TGM : MergeResult.Side.ERP;
  }

  private static JsonNode or(JsonNode value, JsonNode fallback) {
    return value != null ? value : fallback;
  }

  private static void put(ObjectNode record, String field, JsonNode value) {
    if (value != null) {
      record.set(field, value.isContainerNode() ? value.deepCopy() : value);
    }
  }

  /** The canonical text of a value, null when empty; a value that does not convert stays raw. */
  private static String canonical(Slot slot, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return slot.converter.canonical(value);
    } catch (ConversionFailure e) {
      return "\u0000" + value;
    }
  }

  // ---------------------------------------------------------------------------- problems

  private MappingResult notAnObject(ObjectNode out, JsonNode record) {
    String message = entity + " record: " + Values.describe(record) + " is not a JSON object";
    return new MappingResult(
        out,
        List.of(
            new FieldProblem(
                ErrorCode.VALIDATION_ERROR,
                Map.of(),
                null,
                null,
                Values.describe(record),
                "a JSON object",
                message)));
  }

  private FieldProblem problem(
      CompiledField field, boolean in, JsonNode record, JsonNode value, ConversionFailure failure) {
    String expected =
        failure.expected != null
            ? failure.expected
            : in ? field.converter.expectedErp() : field.converter.expectedTgm();
    Map<String, String> identity = in ? erpIdentity(record) : tgmIdentity(record);
    String shown = Values.describe(value);
    String message =
        label(identity)
            + ", field "
            + fieldLabel(field, in)
            + ": value "
            + shown
            + " "
            + failure.detail()
            + "; expected "
            + expected;
    return new FieldProblem(
        failure.code, identity, field.tgmField, field.erpField(), shown, expected, message);
  }

  private FieldProblem missing(CompiledField field, boolean in, JsonNode record) {
    String expected = in ? field.converter.expectedErp() : field.converter.expectedTgm();
    Map<String, String> identity = in ? erpIdentity(record) : tgmIdentity(record);
    String message =
        label(identity)
            + ", field "
            + fieldLabel(field, in)
            + ": a required value is missing; expected "
            + expected;
    return new FieldProblem(
        ErrorCode.VALIDATION_ERROR,
        identity,
        field.tgmField,
        field.erpField(),
        null,
        expected,
        message);
  }

  private static JsonNode offendingValue(
      CompiledField field, JsonNode erpRecord, ConversionFailure failure) {
    if (failure.offending != null) {
      return failure.offending;
    }
    try {
      return field.erpPath.read(erpRecord);
    } catch (ConversionFailure e) {
      return null;
    }
  }

  private static String fieldLabel(CompiledField field, boolean in) {
    return field.tgmField + (in ? " ← ERP " : " → ERP ") + field.erpField();
  }

  private String label(Map<String, String> identity) {
    return identity.isEmpty() ? entity + " record" : entity + " record " + identity;
  }

  /** The key values an ERP record has, even when some are missing: for naming it in messages. */
  private Map<String, String> erpIdentity(JsonNode erpRecord) {
    Map<String, String> identity = new LinkedHashMap<>();
    for (CompiledField field : keys) {
      try {
        String text = keyText(field.erpPath.read(erpRecord));
        if (text != null) {
          identity.put(field.erpField(), text);
        }
      } catch (ConversionFailure e) {
        // a key that cannot be read names nothing
      }
    }
    return identity;
  }

  private Map<String, String> tgmIdentity(JsonNode tgmRecord) {
    Map<String, String> identity = new LinkedHashMap<>();
    JsonNode id = tgmRecord.get("id");
    if (id != null && !id.isNull()) {
      identity.put("id", keyText(id));
    }
    for (CompiledField field : keys) {
      String text = keyText(tgmRecord.get(field.tgmField));
      if (text != null) {
        identity.putIfAbsent(field.tgmField, text);
      }
    }
    return identity;
  }

  private static String keyText(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    String text = Values.scalarText(value);
    if (text == null) {
      return value.toString();
    }
    return text.isBlank() ? null : text;
  }

  private static FieldProblem configProblem(
      MappingSnapshot mapping, FieldMappingSpec spec, String detail, String value) {
    String where =
        spec == null
            ? mapping.tgmEntityType() + " mapping"
            : mapping.tgmEntityType()
                + " mapping, field "
                + spec.tgmField()
                + " (ERP "
                + spec.erpField()
                + ")";
    return new FieldProblem(
        ErrorCode.MAPPING_ERROR,
        Map.of(),
        spec == null ? null : spec.tgmField(),
        spec == null ? null : spec.erpField(),
        value == null ? null : Values.quote(value),
        null,
        where + ": " + detail);
  }

  private static List<FieldProblem> add(List<FieldProblem> problems, FieldProblem problem) {
    List<FieldProblem> list = problems == null ? new ArrayList<>() : problems;
    list.add(problem);
    return list;
  }

  /** A required text that is blank is as good as missing (SAP sends "" for an empty field). */
  private static boolean isBlankString(CompiledField field, JsonNode value) {
    return field.type == FieldType.STRING && value.isTextual() && value.textValue().isBlank();
  }

  private static SyncDirection directionOf(MappingSnapshot mapping) {
    return mapping.syncDirection() == null ? SyncDirection.BIDIRECTIONAL : mapping.syncDirection();
  }

  private static List<FieldMappingSpec> specs(MappingSnapshot mapping) {
    return mapping.fieldMappings() == null ? List.of() : mapping.fieldMappings();
  }

  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
