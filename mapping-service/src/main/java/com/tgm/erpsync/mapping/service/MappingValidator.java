package com.tgm.erpsync.mapping.service;

import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.TgmField;
import com.tgm.erpsync.contracts.TgmFieldCatalogue;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.mapping.engine.FieldProblem;
import com.tgm.erpsync.mapping.engine.MappingEngine;
import com.tgm.erpsync.mapping.rest.FieldMappingRequest;
import com.tgm.erpsync.mapping.rest.MappingRequest;
import com.tgm.erpsync.mapping.rest.Problem.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules an entity mapping must satisfy, checked against the TGM field catalogue of
 * sync-contracts (the one {@code GET /syncable-entities} shows). Every problem is reported at once,
 * each naming its field by JSON path ({@code fieldMappings[1].fieldType}).
 *
 * <p>Field types: a mapping's {@code fieldType} says how the value is converted, so it must be the
 * TGM field's own type; a STRING field may also be mapped as ENUM (its valueMap then translates
 * free text, e.g. country names to codes). Nothing else converts without loss.
 */
final class MappingValidator {
  static final int DEFAULT_BATCH_SIZE = 100;
  static final int MAX_BATCH_SIZE = 1_000;
  private static final int MAX_NAME = 200;
  private static final int MAX_FILTER = 4_000;
  private static final int MAX_DEFAULT_VALUE = 1_000;

  private final MappingRequest request;
  private final List<FieldError> errors = new ArrayList<>();

  private MappingValidator(MappingRequest request) {
    this.request = request;
  }

  /**
   * The request as a definition with its defaults applied.
   *
   * @throws InvalidInputException naming every problem, when there is any
   */
  static MappingDefinition validate(MappingRequest request) {
    MappingValidator validator = new MappingValidator(request);
    MappingDefinition definition = validator.check();
    if (!validator.errors.isEmpty()) {
      throw new InvalidInputException(validator.errors);
    }
    return definition;
  }

  /** Whether a field of TGM type {@code tgm} may be mapped with conversion type {@code mapped}. */
  static boolean fits(FieldType tgm, FieldType mapped) {
    return tgm == mapped || (tgm == FieldType.STRING && mapped == FieldType.ENUM);
  }

  private MappingDefinition check() {
    if (request == null) {
      error("body", "is required: an entity mapping");
      return null;
    }
    EntityType entity =
        enumValue("tgmEntityType", request.tgmEntityType(), EntityType.class, true, null);
    String erpEntityName = text("erpEntityName", request.erpEntityName(), true, MAX_NAME);
    SyncDirection direction =
        enumValue(
            "syncDirection",
            request.syncDirection(),
            SyncDirection.class,
            false,
            SyncDirection.BIDIRECTIONAL);
    ConflictResolution resolution = conflictResolution(direction);
    int batchSize = request.batchSize() == null ? DEFAULT_BATCH_SIZE : request.batchSize();
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      error("batchSize", "must be between 1 and " + MAX_BATCH_SIZE);
    }
    String deltaField = text("deltaField", request.deltaField(), false, MAX_NAME);
    String filter = text("filter", request.filter(), false, MAX_FILTER);
    List<FieldMappingSpec> fields = fieldMappings(entity, direction);
    return new MappingDefinition(
        entity,
        erpEntityName,
        request.syncEnabled() == null || request.syncEnabled(),
        direction,
        resolution,
        batchSize,
        deltaField,
        filter,
        fields);
  }

  /**
   * By default the side the data comes from wins: the ERP (the guide's example), or TGM for a
   * mapping that only ever sends TGM's data out.
   */
  private ConflictResolution conflictResolution(SyncDirection direction) {
    ConflictResolution fallback =
        direction == SyncDirection.OUTBOUND
            ? ConflictResolution.TGM_WINS
            : ConflictResolution.ERP_WINS;
    ConflictResolution resolution =
        enumValue(
            "conflictResolution",
            request.conflictResolution(),
            ConflictResolution.class,
            false,
            fallback);
    if ((resolution == ConflictResolution.MERGE || resolution == ConflictResolution.MANUAL)
        && direction != null
        && direction != SyncDirection.BIDIRECTIONAL) {
      error(
          "conflictResolution",
          resolution
              + " needs a BIDIRECTIONAL mapping: a one-way ("
              + direction
              + ") mapping never reads the target side's changes, so there is nothing to merge or"
              + " to resolve by hand; use ERP_WINS, TGM_WINS or NEWEST_WINS");
    }
    return resolution;
  }

  private List<FieldMappingSpec> fieldMappings(EntityType entity, SyncDirection direction) {
    List<FieldMappingRequest> given = request.fieldMappings();
    if (given == null || given.isEmpty()) {
      error("fieldMappings", "at least one field mapping is required");
      return List.of();
    }
    Map<String, Integer> tgmFields = new HashMap<>();
    Map<String, Integer> erpFields = new HashMap<>();
    List<FieldMappingSpec> specs = new ArrayList<>();
    boolean anyKey = false;
    for (int i = 0; i < given.size(); i++) {
      String at = "fieldMappings[" + i + "]";
      FieldMappingRequest field = given.get(i);
      if (field == null) {
        error(at, "must be a field mapping, not null");
        continue;
      }
      anyKey |= Boolean.TRUE.equals(field.keyField());
      specs.add(fieldMapping(at, i, field, entity, direction, tgmFields, erpFields));
    }
    if (!anyKey) {
      error(
          "fieldMappings",
          "needs a key field (isKeyField: true; several make a composite key): it identifies the"
              + " ERP record, so a replayed create never duplicates one");
    }
    return specs;
  }

  private FieldMappingSpec fieldMapping(
      String at,
      int index,
      FieldMappingRequest field,
      EntityType entity,
      SyncDirection mappingDirection,
      Map<String, Integer> tgmFields,
      Map<String, Integer> erpFields) {
    int errorsBefore = errors.size();
    String tgmName = text(at + ".tgmField", field.tgmField(), true, MAX_NAME);
    TgmField tgmField = tgmField(at, tgmName, entity);
    unique(at + ".tgmField", tgmName, index, tgmFields);
    String erpName = text(at + ".erpField", field.erpField(), true, MAX_NAME);
    unique(at + ".erpField", erpName, index, erpFields);

    FieldType type =
        enumValue(
            at + ".fieldType",
            field.fieldType(),
            FieldType.class,
            false,
            tgmField == null ? null : tgmField.fieldType());
    if (type != null && tgmField != null && !fits(tgmField.fieldType(), type)) {
      error(
          at + ".fieldType",
          type
              + " does not fit "
              + entity
              + "."
              + tgmField.name()
              + ", a "
              + tgmField.fieldType()
              + " field: map it as "
              + (tgmField.fieldType() == FieldType.STRING
                  ? "STRING or ENUM"
                  : tgmField.fieldType()));
    }

    SyncDirection direction =
        enumValue(
            at + ".syncDirection",
            field.syncDirection(),
            SyncDirection.class,
            false,
            mappingDirection);
    boolean inbound = direction != null && direction.allowsInbound();
    if (direction != null && mappingDirection != null) {
      if (contradicts(mappingDirection, direction)) {
        error(
            at + ".syncDirection",
            direction + " contradicts the mapping's " + mappingDirection + " direction");
      }
      inbound &= mappingDirection.allowsInbound();
    }
    if (tgmField != null && tgmField.readOnly() && inbound) {
      error(
          at + ".tgmField",
          "'"
              + tgmField.name()
              + "' is read-only in TGM (TGM maintains it) and cannot be written inbound: map it"
              + " with syncDirection OUTBOUND");
    }

    FieldMappingSpec spec =
        new FieldMappingSpec(
            tgmName,
            erpName,
            type,
            direction,
            Boolean.TRUE.equals(field.required()),
            Boolean.TRUE.equals(field.keyField()),
            valueMap(at, field.valueMap(), type, entity, tgmField, inbound),
            defaultValue(at, field.defaultValue()),
            blank(field.format()) ? null : field.format().trim(),
            referenceEntity(at, field.referenceEntity(), type, entity, tgmField));
    if (errors.size() == errorsBefore) {
      engineChecks(at, spec, entity, mappingDirection);
    }
    return spec;
  }

  /**
   * What the mapping engine, which runs the mapping, says of the field's own settings: the erpField
   * path, the format (and its time zone) for the type, the valueMap's ERP values under that format,
   * the defaultValue as a value of the type. Each setting is checked once those before it pass, so
   * each problem is named by the setting at fault.
   */
  private void engineChecks(
      String at, FieldMappingSpec spec, EntityType entity, SyncDirection direction) {
    FieldMappingSpec bare = settings(spec, null, null, null);
    if (engineSays(at + ".erpField", bare, entity, direction)
        && engineSays(at + ".format", settings(spec, null, null, spec.format()), entity, direction)
        && engineSays(
            at + ".valueMap",
            settings(spec, spec.valueMap(), null, spec.format()),
            entity,
            direction)) {
      engineSays(at + ".defaultValue", spec, entity, direction);
    }
  }

  /** Records the engine's problems with a mapping of this one field under {@code field}. */
  private boolean engineSays(
      String field, FieldMappingSpec spec, EntityType entity, SyncDirection direction) {
    MappingSnapshot alone =
        new MappingSnapshot(
            MessageMeta.create("validation"),
            0,
            0,
            entity == null ? EntityType.UNIT : entity,
            "validation",
            true,
            direction == null ? SyncDirection.BIDIRECTIONAL : direction,
            ConflictResolution.ERP_WINS,
            DEFAULT_BATCH_SIZE,
            null,
            null,
            List.of(spec),
            1,
            null);
    List<FieldProblem> problems = MappingEngine.validate(alone);
    for (FieldProblem problem : problems) {
      String message = problem.message();
      // the engine names the mapping and field first; the JSON path does that here
      error(field, message.substring(message.indexOf("): ") + 3));
    }
    return problems.isEmpty();
  }

  private static FieldMappingSpec settings(
      FieldMappingSpec spec, Map<String, String> valueMap, String defaultValue, String format) {
    return new FieldMappingSpec(
        spec.tgmField(),
        spec.erpField(),
        spec.fieldType(),
        spec.syncDirection(),
        spec.required(),
        spec.keyField(),
        valueMap,
        defaultValue,
        format,
        spec.referenceEntity());
  }

  private TgmField tgmField(String at, String name, EntityType entity) {
    if (name == null || entity == null) {
      return null;
    }
    TgmField field = TgmFieldCatalogue.field(entity, name).orElse(null);
    if (field == null) {
      error(
          at + ".tgmField",
          "'"
              + name
              + "' is not a field of "
              + entity
              + "; its fields are "
              + TgmFieldCatalogue.fieldsOf(entity).stream().map(TgmField::name).toList());
    }
    return field;
  }

  /** A one-way mapping carries no field the other way. */
  private static boolean contradicts(SyncDirection mapping, SyncDirection field) {
    return (mapping == SyncDirection.OUTBOUND && field == SyncDirection.INBOUND)
        || (mapping == SyncDirection.INBOUND && field == SyncDirection.OUTBOUND);
  }

  private void unique(String path, String name, int index, Map<String, Integer> seen) {
    if (name == null) {
      return;
    }
    Integer first = seen.putIfAbsent(name, index);
    if (first != null) {
      error(path, "'" + name + "' is already mapped by fieldMappings[" + first + "]");
    }
  }

  private Map<String, String> valueMap(
      String at,
      Map<String, String> valueMap,
      FieldType type,
      EntityType entity,
      TgmField tgmField,
      boolean inbound) {
    List<String> tgmValues = tgmField == null ? List.of() : tgmField.enumValues();
    if (valueMap == null || valueMap.isEmpty()) {
      if (type == FieldType.ENUM) {
        error(
            at + ".valueMap",
            "is required for an ENUM field: TGM value → ERP value"
                + (tgmValues.isEmpty() ? "" : ", for the values " + tgmValues));
      }
      return null;
    }
    if (type != null && type != FieldType.ENUM) {
      error(at + ".valueMap", "applies to ENUM fields only, not " + type);
      return null;
    }
    Map<String, String> tgmValueOf = new HashMap<>();
    valueMap.forEach(
        (tgmValue, erpValue) -> {
          String path = at + ".valueMap." + tgmValue;
          if (!tgmValues.isEmpty() && !tgmValues.contains(tgmValue)) {
            error(
                path,
                "'"
                    + tgmValue
                    + "' is not a value of "
                    + entity
                    + "."
                    + tgmField.name()
                    + "; its values are "
                    + tgmValues);
          }
          if (blank(erpValue)) {
            error(path, "needs an ERP value");
          } else if (inbound) {
            String other = tgmValueOf.putIfAbsent(erpValue, tgmValue);
            if (other != null) {
              error(
                  path,
                  "maps to '"
                      + erpValue
                      + "' like '"
                      + other
                      + "': read inbound, '"
                      + erpValue
                      + "' could be either");
            }
          }
        });
    return new LinkedHashMap<>(valueMap);
  }

  private EntityType referenceEntity(
      String at, String given, FieldType type, EntityType entity, TgmField tgmField) {
    EntityType reference = enumValue(at + ".referenceEntity", given, EntityType.class, false, null);
    EntityType expected = tgmField == null ? null : tgmField.references();
    if (type == FieldType.REFERENCE) {
      if (blank(given)) {
        error(
            at + ".referenceEntity",
            "is required for a REFERENCE field"
                + (expected == null
                    ? ""
                    : ": " + entity + "." + tgmField.name() + " references " + expected));
      } else if (reference != null && expected != null && reference != expected) {
        error(
            at + ".referenceEntity",
            entity + "." + tgmField.name() + " references " + expected + ", not " + reference);
      }
    } else if (!blank(given) && type != null) {
      error(at + ".referenceEntity", "applies to REFERENCE fields only, not " + type);
    }
    return reference;
  }

  /** A default's length; that it is a value of the field's type is the engine's check. */
  private String defaultValue(String at, String value) {
    if (value != null && value.length() > MAX_DEFAULT_VALUE) {
      error(at + ".defaultValue", "must be at most " + MAX_DEFAULT_VALUE + " characters");
    }
    return value;
  }

  /**
   * The constant named by {@code value} (any case), {@code fallback} when there is none, or null
   * after recording an error when it names none of them.
   */
  private <E extends Enum<E>> E enumValue(
      String field, String value, Class<E> type, boolean mandatory, E fallback) {
    if (blank(value)) {
      if (mandatory) {
        error(field, "is required");
      }
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      error(
          field,
          "'"
              + value
              + "' is not one of "
              + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
      return null;
    }
  }

  /** The trimmed text, or null when blank (an error if it is required). */
  private String text(String field, String value, boolean mandatory, int maxLength) {
    if (blank(value)) {
      if (mandatory) {
        error(field, "is required");
      }
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.length() > maxLength) {
      error(field, "must be at most " + maxLength + " characters");
    }
    return trimmed;
  }

  private void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
