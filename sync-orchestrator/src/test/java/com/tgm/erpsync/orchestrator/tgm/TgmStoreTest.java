package com.tgm.erpsync.orchestrator.tgm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.TgmField;
import com.tgm.erpsync.contracts.TgmFieldCatalogue;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class TgmStoreTest {
  /** Numbers equal by value (7.4 is 7.400), everything else by JSON equality. */
  private static final Comparator<JsonNode> BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  @Inject TgmStore store;
  @Inject AgroalDataSource dataSource;

  private TgmSchemaInfo schema;

  @BeforeEach
  void loadSchema() throws SQLException {
    if (schema == null) {
      try (Connection connection = dataSource.getConnection()) {
        schema = TgmSchemaInfo.load(connection);
      }
    }
  }

  @Test
  void roundTripsRandomValuesOfEveryFieldOfEveryEntity() {
    Random random = new Random(20250115L);
    RandomTgmValues values = new RandomTgmValues(random, schema);
    Map<EntityType, List<Long>> ids = new EnumMap<>(EntityType.class);
    for (int round = 0; round < 3; round++) {
      for (EntityType entity : parentsFirst()) {
        for (int i = 0; i < 8; i++) {
          ObjectNode written = object();
          for (TgmField field : writable(entity)) {
            written.set(field.name(), values.value(entity, field, ids));
          }
          long id = inTransaction(() -> store.insert(entity, written));
          ids.computeIfAbsent(entity, e -> new ArrayList<>()).add(id);
          assertStored(entity, id, written);

          ObjectNode changes = object();
          for (TgmField field : writable(entity)) {
            if (random.nextBoolean()) {
              changes.set(field.name(), values.value(entity, field, ids));
            }
          }
          assertThat(inTransaction(() -> store.update(entity, id, changes))).isTrue();
          ObjectNode expected = written.deepCopy();
          expected.setAll(changes);
          assertStored(entity, id, expected);
        }
      }
    }
  }

  @Test
  void readsEveryCatalogueFieldWithNullsAsJsonNull() {
    long id = store.insert(EntityType.UNIT, object().put("name", "Pump P-7"));

    TgmRow row = store.find(EntityType.UNIT, id).orElseThrow();

    assertThat(row.id()).isEqualTo(id);
    assertThat(fieldNames(row.values()))
        .containsExactlyElementsOf(
            TgmFieldCatalogue.fieldsOf(EntityType.UNIT).stream().map(TgmField::name).toList());
    assertThat(row.values().get("id").asLong()).isEqualTo(id);
    assertThat(Instant.parse(row.values().get("updatedAt").textValue())).isEqualTo(row.updatedAt());
    assertThat(row.values().get("serialNumber").isNull()).isTrue();
    assertThat(row.values().get("specifications").isNull()).isTrue();
    assertThat(row.values().get("status").textValue())
        .as("the column default of a maintenance product")
        .isEqualTo("ACTIVE");
  }

  @Test
  void takesValuesInTheFormsMappingEngineProducesAndReturnsTgmsForm() {
    long company = store.insert(EntityType.COMPANY, object().put("name", "ACME"));
    ObjectNode unit = object();
    unit.put("name", "Compressor K-1")
        .put("companyId", String.valueOf(company))
        .put("installDate", "2017-04-13")
        .put("warrantyEndDate", "2027-04-12")
        .put("status", "IN_REPAIR");
    unit.set(
        "specifications", json("{\"powerKw\": 7.400, \"tags\": [\"oil-free\", 2], \"x\": null}"));
    long unitId = store.insert(EntityType.UNIT, unit);
    ObjectNode order = object();
    order
        .put("number", "WO-" + UUID.randomUUID())
        .put("unitId", unitId)
        .put("scheduledStart", "2024-01-15T10:00:00+01:00")
        .put("scheduledEnd", "2024-01-15T12:30:00.123456Z")
        .put("completedAt", "2024-01-15T12:00:00")
        .put("estimatedHours", "2.50")
        .put("actualHours", new BigDecimal("1.7500"));
    long orderId = store.insert(EntityType.WORK_ORDER, order);
    long component =
        store.insert(
            EntityType.COMPONENT,
            object().put("name", "Valve").put("quantity", "12").put("unitCost", 7.4));

    ObjectNode storedUnit = store.find(EntityType.UNIT, unitId).orElseThrow().values();
    assertThat(storedUnit.get("companyId").asLong()).isEqualTo(company);
    assertThat(storedUnit.get("installDate").textValue()).isEqualTo("2017-04-13");
    assertThat(storedUnit.get("specifications").get("powerKw").decimalValue())
        .as("JSON numbers keep their scale")
        .isEqualTo(new BigDecimal("7.400"));
    assertThat(storedUnit.get("specifications").equals(BY_VALUE, unit.get("specifications")))
        .isTrue();
    ObjectNode storedOrder = store.find(EntityType.WORK_ORDER, orderId).orElseThrow().values();
    assertThat(storedOrder.get("scheduledStart").textValue())
        .as("an offset is the same instant, in UTC")
        .isEqualTo("2024-01-15T09:00:00Z");
    assertThat(storedOrder.get("scheduledEnd").textValue())
        .isEqualTo("2024-01-15T12:30:00.123456Z");
    assertThat(storedOrder.get("completedAt").textValue())
        .as("a local date-time counts as UTC, as in mapping-engine")
        .isEqualTo("2024-01-15T12:00:00Z");
    assertThat(storedOrder.get("estimatedHours").isBigDecimal()).isTrue();
    assertThat(storedOrder.get("estimatedHours").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(storedOrder.get("actualHours").decimalValue()).isEqualByComparingTo("1.75");
    ObjectNode storedComponent = store.find(EntityType.COMPONENT, component).orElseThrow().values();
    assertThat(storedComponent.get("quantity").isIntegralNumber()).isTrue();
    assertThat(storedComponent.get("quantity").asLong()).isEqualTo(12);
    assertThat(storedComponent.get("unitCost").decimalValue()).isEqualByComparingTo("7.4");
  }

  @Test
  void databaseSetsUpdatedAtOnInsertAndMovesItOnEveryUpdate() throws Exception {
    Instant before = databaseNow();
    long id = store.insert(EntityType.COMPANY, object().put("name", "Nordwind"));
    TgmRow inserted = store.find(EntityType.COMPANY, id).orElseThrow();
    Instant created = createdAt(EntityType.COMPANY, id);

    assertThat(inserted.updatedAt()).isAfterOrEqualTo(before).isBeforeOrEqualTo(databaseNow());
    assertThat(created).isEqualTo(inserted.updatedAt());

    assertThat(store.update(EntityType.COMPANY, id, object().put("city", "Hamburg"))).isTrue();
    TgmRow updated = store.find(EntityType.COMPANY, id).orElseThrow();
    assertThat(updated.updatedAt()).isAfter(inserted.updatedAt());
    assertThat(createdAt(EntityType.COMPANY, id)).isEqualTo(created);

    // a writer that sets the timestamps itself does not get its way either
    execute(
        "UPDATE tgm.company SET updated_at = '2001-01-01T00:00:00Z',"
            + " created_at = '2001-01-01T00:00:00Z' WHERE id = "
            + id);
    TgmRow touched = store.find(EntityType.COMPANY, id).orElseThrow();
    assertThat(touched.updatedAt()).isAfter(updated.updatedAt());
    assertThat(createdAt(EntityType.COMPANY, id)).isEqualTo(created);
  }

  @Test
  void updateOfAMissingRecordIsFalseAndFindIsEmpty() {
    long missing = Long.MAX_VALUE - 7;

    assertThat(store.update(EntityType.UNIT, missing, object().put("name", "x"))).isFalse();
    assertThat(store.update(EntityType.UNIT, missing, object())).isFalse();
    assertThat(store.find(EntityType.UNIT, missing)).isEmpty();
  }

  @Test
  void updateChangesOnlyTheGivenFieldsAndClearsOptionalOnesWithNull() {
    long id =
        store.insert(
            EntityType.USER,
            object()
                .put("username", "u-" + UUID.randomUUID())
                .put("firstName", "Anna")
                .put("email", "anna@tgm.example")
                .put("role", "TECHNICIAN"));

    store.update(EntityType.USER, id, object().put("firstName", "Anne").putNull("email"));

    ObjectNode user = store.find(EntityType.USER, id).orElseThrow().values();
    assertThat(user.get("firstName").textValue()).isEqualTo("Anne");
    assertThat(user.get("email").isNull()).isTrue();
    assertThat(user.get("role").textValue()).isEqualTo("TECHNICIAN");
    assertThat(store.update(EntityType.USER, id, object())).as("no fields: nothing to do").isTrue();
  }

  @Test
  void refusesValuesThatAreNoValueOfTheirFieldNamingTheField() {
    long unit = store.insert(EntityType.UNIT, object().put("name", "Chiller"));

    assertRefused(EntityType.UNIT, object().put("name", "x").put("status", "BROKEN"), "status")
        .hasMessage("status \"BROKEN\" is not one of ACTIVE, INACTIVE, IN_REPAIR, DECOMMISSIONED");
    assertRefused(EntityType.UNIT, object().put("name", "x".repeat(256)), "name")
        .hasMessageContaining("is 256 characters long; TGM keeps at most 255");
    assertRefused(
            EntityType.UNIT,
            object().put("name", "x").put("installDate", "13.04.2017"),
            "installDate")
        .hasMessageContaining("is not an ISO-8601 date");
    assertRefused(
        EntityType.UNIT,
        object().put("name", "x").put("installDate", "10000-01-01"),
        "installDate");
    assertRefused(EntityType.UNIT, object().put("name", "x").put("companyId", "ACME"), "companyId")
        .hasMessageContaining("is not the id of a TGM COMPANY record");
    assertRefused(
            EntityType.UNIT,
            object().put("name", "x").put("specifications", "{broken"),
            "specifications")
        .hasMessageContaining("is not valid JSON");
    assertRefused(EntityType.UNIT, object().put("name", "Unit\u0000"), "name")
        .hasMessageContaining("NUL");
    assertRefused(EntityType.UNIT, object().putNull("name"), "name").hasMessage("name is required");
    assertRefused(EntityType.UNIT, object().put("serialNumber", "S-1"), "name")
        .hasMessage("name is required");
    assertRefused(EntityType.UNIT, object().put("name", "  "), "name")
        .hasMessageContaining("an empty text is no value");
    ObjectNode nested = object();
    nested.putObject("name").put("de", "Kältemaschine");
    assertRefused(EntityType.UNIT, nested, "name").hasMessageContaining("is not a text value");
    assertRefused(EntityType.COMPONENT, object().put("name", "x").put("quantity", 1.5), "quantity")
        .hasMessageContaining("is not a whole number");
    assertRefused(
            EntityType.COMPONENT,
            object().put("name", "x").put("quantity", 3_000_000_000L),
            "quantity")
        .hasMessageContaining("is out of range");
    assertRefused(
            EntityType.COMPONENT,
            object().put("name", "x").put("quantity", "1E+999999999"),
            "quantity")
        .hasMessageContaining("is out of range");
    assertRefused(
            EntityType.COMPONENT, object().put("name", "x").put("unitCost", "12.34567"), "unitCost")
        .hasMessage(
            "unitCost \"12.34567\" has 5 decimal places; TGM keeps 4 for this field and does not"
                + " round");
    assertRefused(
            EntityType.COMPONENT, object().put("name", "x").put("unitCost", "1E+15"), "unitCost")
        .hasMessageContaining("is too large; TGM keeps at most 15 digits before the decimal point");
    assertRefused(EntityType.COMPANY, object().put("name", "x").put("active", "yes"), "active")
        .hasMessageContaining("is not true or false");
    assertRefused(
            EntityType.WORK_ORDER,
            object().put("number", "WO-x").put("completedAt", "yesterday"),
            "completedAt")
        .hasMessageContaining("is not an ISO-8601 date-time");

    TgmWriteException clearing =
        catchThrowableOfType(
            TgmWriteException.class,
            () -> store.update(EntityType.UNIT, unit, object().putNull("name")));
    assertThat(clearing.field()).isEqualTo("name");
    assertThat(clearing).hasMessage("name is required; it cannot be cleared");
    assertThat(store.find(EntityType.UNIT, unit).orElseThrow().values().get("name").textValue())
        .isEqualTo("Chiller");
  }

  @Test
  void refusesWhatTheDatabaseConstraintsRejectNamingTheField() {
    String number = "WO-" + UUID.randomUUID();
    store.insert(EntityType.WORK_ORDER, object().put("number", number));

    assertRefused(EntityType.WORK_ORDER, object().put("number", number), "number")
        .hasMessage("number \"" + number + "\" is already used by another TGM WORK_ORDER record");
    TgmWriteException duplicate =
        catchThrowableOfType(
            TgmWriteException.class,
            () -> store.insert(EntityType.WORK_ORDER, object().put("number", number)));
    assertThat(duplicate.errorCode()).isEqualTo(ErrorCode.CONFLICT);
    assertRefused(
            EntityType.WORK_ORDER,
            object().put("number", "WO-x").put("unitId", 987654321),
            "unitId")
        .hasMessage("unitId 987654321 refers to no TGM UNIT record");
    assertRefused(
            EntityType.COMPONENT, object().put("name", "Belt").put("quantity", -1), "quantity")
        .hasMessageContaining("quantity -1 breaks TGM's rule")
        .hasMessageContaining("quantity >= 0");
    assertRefused(
            EntityType.LOCATION, object().put("name", "Pole").put("latitude", 90.5), "latitude")
        .hasMessageContaining("latitude 90.5 breaks TGM's rule");
    long unit = store.insert(EntityType.UNIT, object().put("name", "Lift"));
    TgmWriteException badUpdate =
        catchThrowableOfType(
            TgmWriteException.class,
            () -> store.update(EntityType.UNIT, unit, object().put("locationId", 55555555)));
    assertThat(badUpdate.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(badUpdate.field()).isEqualTo("locationId");
  }

  @Test
  void aBatchWithBadRecordsInTheMiddleCommitsTheOthers() {
    String prefix = "WO-BATCH-" + UUID.randomUUID() + "-";
    List<String> refused = new ArrayList<>();
    List<Long> written = new ArrayList<>();
    long[] updated = new long[1];
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              updated[0] =
                  store.insert(EntityType.WORK_ORDER, object().put("number", prefix + "U"));
              for (int i = 0; i < 10; i++) {
                ObjectNode order = object().put("number", prefix + i).put("title", "Order " + i);
                switch (i) {
                  case 3 -> order.put("unitId", 999_999_999L); // foreign key
                  case 5 -> order.put("number", prefix + 4); // unique
                  case 6 -> order.put("estimatedHours", -2); // check
                  case 7 -> order.put("priority", "URGENT"); // refused before the database
                  default -> {}
                }
                try {
                  written.add(store.insert(EntityType.WORK_ORDER, order));
                } catch (TgmWriteException e) {
                  refused.add(i + ":" + e.errorCode() + ":" + e.field());
                }
              }
              try {
                store.update(
                    EntityType.WORK_ORDER,
                    updated[0],
                    object().put("title", "never").put("assignedUserId", 424242424L));
              } catch (TgmWriteException e) {
                refused.add("update:" + e.errorCode() + ":" + e.field());
              }
              store.update(EntityType.WORK_ORDER, updated[0], object().put("title", "after"));
            });

    assertThat(refused)
        .containsExactly(
            "3:VALIDATION_ERROR:unitId",
            "5:CONFLICT:number",
            "6:VALIDATION_ERROR:estimatedHours",
            "7:VALIDATION_ERROR:priority",
            "update:VALIDATION_ERROR:assignedUserId");
    assertThat(written).hasSize(6);
    List<String> committed = new ArrayList<>();
    for (long id : written) {
      committed.add(
          store.find(EntityType.WORK_ORDER, id).orElseThrow().values().get("number").textValue());
    }
    assertThat(committed)
        .containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 4, prefix + 8, prefix + 9);
    assertThat(
            store
                .find(EntityType.WORK_ORDER, updated[0])
                .orElseThrow()
                .values()
                .get("title")
                .textValue())
        .isEqualTo("after");
  }

  @Test
  void writesWithoutATransactionToo() {
    long id = store.insert(EntityType.INVENTORY, object().put("sku", "SKU-" + UUID.randomUUID()));
    assertThatThrownBy(
            () -> store.update(EntityType.INVENTORY, id, object().put("locationId", 123456789)))
        .isInstanceOf(TgmWriteException.class);

    assertThat(store.find(EntityType.INVENTORY, id)).isPresent();
    assertThat(store.update(EntityType.INVENTORY, id, object().put("name", "Gasket"))).isTrue();
  }

  @Test
  void fieldNamesCannotInjectSqlAndValuesAreStoredAsGiven() {
    String hostile = "name\" = 'x'; DROP TABLE tgm.company; --";
    ObjectNode values = object().put("name", "ok");
    values.put(hostile, "x");

    TgmWriteException e =
        catchThrowableOfType(
            TgmWriteException.class, () -> store.insert(EntityType.COMPANY, values));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(e.field()).isEqualTo(hostile);
    assertThat(e)
        .hasMessageStartingWith(
            "\"name\\\" = 'x'; DROP TABLE tgm.company; --\" is no field of a TGM COMPANY; its"
                + " fields are [name, customerNumber");
    assertRefused(EntityType.COMPANY, object().put("name", "x").put("Name", "y"), "Name");
    assertRefused(
        EntityType.COMPANY, object().put("name", "x").put("created_at", "y"), "created_at");
    assertRefused(EntityType.COMPANY, object().put("name", "x").put("id", 5), "id")
        .hasMessageContaining("read-only");
    assertRefused(
            EntityType.COMPANY,
            object().put("name", "x").put("updatedAt", "2020-01-01T00:00:00Z"),
            "updatedAt")
        .hasMessageContaining("read-only");

    String sql = "Robert'); DROP TABLE tgm.company; --";
    long id = store.insert(EntityType.COMPANY, object().put("name", sql));
    assertThat(store.find(EntityType.COMPANY, id).orElseThrow().values().get("name").textValue())
        .isEqualTo(sql);
    assertThat(store.count(EntityType.COMPANY, null)).isPositive();
  }

  /** Asserts the insert is refused for the field and writes nothing; then its message. */
  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      EntityType entity, ObjectNode values, String field) {
    long before = store.count(entity, null);
    TgmWriteException e =
        catchThrowableOfType(TgmWriteException.class, () -> store.insert(entity, values));
    assertThat(e).as("refusal of %s", values).isNotNull();
    assertThat(e.entity()).isEqualTo(entity);
    assertThat(e.field()).as("field at fault in: %s", e.getMessage()).isEqualTo(field);
    if (e.errorCode() != ErrorCode.CONFLICT) {
      assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    }
    assertThat(store.count(entity, null)).as("nothing written").isEqualTo(before);
    return assertThat((Throwable) e);
  }

  private void assertStored(EntityType entity, long id, ObjectNode expected) {
    ObjectNode stored = store.find(entity, id).orElseThrow().values();
    for (TgmField field : writable(entity)) {
      JsonNode want = expected.get(field.name());
      JsonNode got = stored.get(field.name());
      String as = entity + "." + field.name() + " written as " + want + ", read as " + got;
      if (want == null || want.isNull()) {
        assertThat(got.isNull()).as(as).isTrue();
        continue;
      }
      switch (field.fieldType()) {
        case DATETIME ->
            assertThat(Instant.parse(got.textValue()))
                .as(as)
                .isEqualTo(java.time.OffsetDateTime.parse(want.textValue()).toInstant());
        case DECIMAL, INTEGER, REFERENCE ->
            assertThat(got.decimalValue()).as(as).isEqualByComparingTo(want.decimalValue());
        case JSON -> assertThat(got.equals(BY_VALUE, want)).as(as).isTrue();
        default -> assertThat(got).as(as).isEqualTo(want);
      }
    }
  }

  /** The entities in an order where every referenced entity comes before its referrers. */
  private static List<EntityType> parentsFirst() {
    List<EntityType> order = new ArrayList<>();
    Set<EntityType> left = EnumSet.allOf(EntityType.class);
    while (!left.isEmpty()) {
      for (EntityType entity : List.copyOf(left)) {
        boolean ready =
            TgmFieldCatalogue.fieldsOf(entity).stream()
                .filter(f -> f.fieldType() == FieldType.REFERENCE)
                .allMatch(f -> order.contains(f.references()) || f.references() == entity);
        if (ready) {
          order.add(entity);
          left.remove(entity);
        }
      }
    }
    return order;
  }

  private static List<TgmField> writable(EntityType entity) {
    return TgmFieldCatalogue.fieldsOf(entity).stream().filter(f -> !f.readOnly()).toList();
  }

  private static List<String> fieldNames(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static JsonNode json(String text) {
    try {
      return TgmValues.JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static <T> T inTransaction(java.util.concurrent.Callable<T> work) {
    return QuarkusTransaction.requiringNew().call(work);
  }

  private Instant databaseNow() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT clock_timestamp()");
        ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
    }
  }

  private Instant createdAt(EntityType entity, long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT created_at FROM " + TgmTables.qualifiedTable(entity) + " WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    }
  }
}
