package com.tgm.erpsync.orchestrator.tgm;

import com.tgm.erpsync.contracts.EntityType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where each syncable entity lives in the TGM database (schema {@code tgm}, migration V2) and how
 * catalogue field names become column names. Every identifier in TGM SQL comes from here and the
 * catalogue, never from a record.
 */
public final class TgmTables {
  public static final String SCHEMA = "tgm";

  private static final Map<EntityType, String> TABLES = new EnumMap<>(EntityType.class);

  static {
    TABLES.put(EntityType.COMPANY, "company");
    TABLES.put(EntityType.LOCATION, "location");
    TABLES.put(EntityType.UNIT, "unit");
    TABLES.put(EntityType.COMPONENT, "component");
    TABLES.put(EntityType.USER, "app_user");
    TABLES.put(EntityType.WORK_ORDER, "work_order");
    TABLES.put(EntityType.INSPECTION, "inspection");
    TABLES.put(EntityType.FAILURE, "failure");
    TABLES.put(EntityType.INVENTORY, "inventory_item");
    TABLES.put(EntityType.INVOICE, "invoice");
  }

  private TgmTables() {}

  /** The table's name inside schema {@code tgm}, e.g. {@code app_user} for USER. */
  public static String table(EntityType entity) {
    return TABLES.get(entity);
  }

  /** The schema-qualified table, e.g. {@code tgm.work_order}. */
  public static String qualifiedTable(EntityType entity) {
    return SCHEMA + "." + table(entity);
  }

  /** The entity stored in a table of schema {@code tgm} (e.g. a change event's table). */
  public static Optional<EntityType> entityOf(String table) {
    return TABLES.entrySet().stream()
        .filter(e -> e.getValue().equals(table))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The column of a catalogue field: {@code serialNumber} is {@code serial_number}. */
  public static String column(String field) {
    StringBuilder out = new StringBuilder(field.length() + 4);
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
