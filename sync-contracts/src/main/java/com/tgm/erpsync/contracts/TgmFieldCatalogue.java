package com.tgm.erpsync.contracts;

import static com.tgm.erpsync.contracts.FieldType.BOOLEAN;
import static com.tgm.erpsync.contracts.FieldType.DATE;
import static com.tgm.erpsync.contracts.FieldType.DATETIME;
import static com.tgm.erpsync.contracts.FieldType.DECIMAL;
import static com.tgm.erpsync.contracts.FieldType.INTEGER;
import static com.tgm.erpsync.contracts.FieldType.JSON;
import static com.tgm.erpsync.contracts.FieldType.STRING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of every syncable TGM entity: what {@code GET /syncable-entities} shows, what mapping
 * validation checks field mappings against, and what the TGM tables hold (camelCase here,
 * snake_case columns there). One catalogue, so the three never drift.
 */
public final class TgmFieldCatalogue {
  private static final Map<EntityType, List<TgmField>> FIELDS = new EnumMap<>(EntityType.class);

  static {
    entity(EntityType.COMPANY)
        .text("name", true)
        .text("customerNumber")
        .text("taxId")
        .text("email")
        .text("phone")
        .text("street")
        .text("city")
        .text("postalCode")
        .text("country")
        .flag("active")
        .done();
    entity(EntityType.LOCATION)
        .text("name", true)
        .text("code")
        .reference("companyId", EntityType.COMPANY)
        .text("street")
        .text("city")
        .text("postalCode")
        .text("country")
        .of("latitude", DECIMAL)
        .of("longitude", DECIMAL)
        .flag("active")
        .done();
    entity(EntityType.UNIT)
        .text("name", true)
        .text("serialNumber")
        .text("manufacturer")
        .text("model")
        .choice("status", "ACTIVE", "INACTIVE", "IN_REPAIR", "DECOMMISSIONED")
        .reference("locationId", EntityType.LOCATION)
        .reference("companyId", EntityType.COMPANY)
        .of("installDate", DATE)
        .of("warrantyEndDate", DATE)
        .of("specifications", JSON)
        .done();
    entity(EntityType.COMPONENT)
        .text("name", true)
        .text("partNumber")
        .reference("unitId", EntityType.UNIT)
        .text("manufacturer")
        .text("serialNumber")
        .of("quantity", INTEGER)
        .of("unitCost", DECIMAL)
        .of("installDate", DATE)
        .done();
    entity(EntityType.USER)
        .text("username", true)
        .text("firstName")
        .text("lastName")
        .text("email")
        .text("phone")
        .text("employeeNumber")
        .choice("role", "ADMIN", "MANAGER", "TECHNICIAN", "VIEWER")
        .flag("active")
        .done();
    entity(EntityType.WORK_ORDER)
        .text("number", true)
        .text("title")
        .text("description")
        .choice("type", "PREVENTIVE", "CORRECTIVE", "INSPECTION", "EMERGENCY")
        .choice("priority", "LOW", "MEDIUM", "HIGH", "CRITICAL")
        .choice("status", "OPEN", "SCHEDULED", "IN_PROGRESS", "ON_HOLD", "COMPLETED", "CANCELLED")
        .reference("unitId", EntityType.UNIT)
        .reference("locationId", EntityType.LOCATION)
        .reference("assignedUserId", EntityType.USER)
        .of("scheduledStart", DATETIME)
        .of("scheduledEnd", DATETIME)
        .of("completedAt", DATETIME)
        .of("estimatedHours", DECIMAL)
        .of("actualHours", DECIMAL)
        .done();
    entity(EntityType.INSPECTION)
        .text("number", true)
        .reference("unitId", EntityType.UNIT)
        .reference("workOrderId", EntityType.WORK_ORDER)
        .reference("inspectorUserId", EntityType.USER)
        .of("inspectionDate", DATETIME)
        .choice("result", "PASS", "FAIL", "CONDITIONAL")
        .text("measurementPoint")
        .of("measuredValue", DECIMAL)
        .text("unitOfMeasure")
        .text("notes")
        .done();
    entity(EntityType.FAILURE)
        .text("number", true)
        .reference("unitId", EntityType.UNIT)
        .reference("reportedByUserId", EntityType.USER)
        .of("reportedAt", DATETIME)
        .text("failureCode")
        .text("description")
        .choice("severity", "LOW", "MEDIUM", "HIGH", "CRITICAL")
        .choice("status", "OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED")
        .of("downtimeHours", DECIMAL)
        .of("resolvedAt", DATETIME)
        .done();
    entity(EntityType.INVENTORY)
        .text("sku", true)
        .text("name")
        .text("description")
        .reference("locationId", EntityType.LOCATION)
        .of("quantityOnHand", DECIMAL)
        .of("reorderPoint", DECIMAL)
        .text("unitOfMeasure")
        .of("unitCost", DECIMAL)
        .done();
    entity(EntityType.INVOICE)
        .text("number", true)
        .reference("companyId", EntityType.COMPANY)
        .reference("workOrderId", EntityType.WORK_ORDER)
        .of("issueDate", DATE)
        .of("dueDate", DATE)
        .text("currency")
        .of("netAmount", DECIMAL)
        .of("taxAmount", DECIMAL)
        .of("totalAmount", DECIMAL)
        .choice("status", "DRAFT", "ISSUED", "PAID", "OVERDUE", "CANCELLED")
        .done();
  }

  private TgmFieldCatalogue() {}

  /** Every field of the entity, in catalogue order, starting with the read-only {@code id}. */
  public static List<TgmField> fieldsOf(EntityType entity) {
    return FIELDS.get(entity);
  }

  public static Optional<TgmField> field(EntityType entity, String name) {
    return fieldsOf(entity).stream().filter(f -> f.name().equals(name)).findFirst();
  }

  private static Builder entity(EntityType entity) {
    return new Builder(entity);
  }

  /** Every entity has a read-only id first and a read-only updatedAt last. */
  private static final class Builder {
    private final EntityType entity;
    private final List<TgmField> fields = new ArrayList<>();

    Builder(EntityType entity) {
      this.entity = entity;
      fields.add(new TgmField("id", INTEGER, false, true, null, null));
    }

    Builder text(String name) {
      return text(name, false);
    }

    Builder text(String name, boolean required) {
      fields.add(new TgmField(name, STRING, required, false, null, null));
      return this;
    }

    Builder flag(String name) {
      return of(name, BOOLEAN);
    }

    Builder of(String name, FieldType type) {
      fields.add(new TgmField(name, type, false, false, null, null));
      return this;
    }

    Builder choice(String name, String... values) {
      fields.add(new TgmField(name, FieldType.ENUM, false, false, null, List.of(values)));
      return this;
    }

    Builder reference(String name, EntityType target) {
      fields.add(new TgmField(name, FieldType.REFERENCE, false, false, target, null));
      return this;
    }

    void done() {
      fields.add(new TgmField("updatedAt", DATETIME, false, true, null, null));
      FIELDS.put(entity, Collections.unmodifiableList(fields));
    }
  }
}
