package com.tgm.erpsync.sandbox.core.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded item master records in the shape of SAP Business One's {@code Items}: codes {@code
 * A0000001…} in index order, spare parts and consumables for maintenance.
 */
public final class ItemGenerator implements RecordGenerator {

  /** Largest number of seeded items. */
  public static final long MAX_COUNT = 1_000_000;

  private record Kind(String name, int group, boolean inventory, String unit) {}

  private static final Kind[] KINDS = {
    new Kind("Ball bearing 6204-2RS", 101, true, "Each"),
    new Kind("V-belt SPA 1250", 101, true, "Each"),
    new Kind("Hydraulic oil HLP 46", 102, true, "Liter"),
    new Kind("Air filter element", 101, true, "Each"),
    new Kind("Mechanical seal 35 mm", 101, true, "Each"),
    new Kind("Grease cartridge EP2", 102, true, "Each"),
    new Kind("Contactor 24 V DC", 103, true, "Each"),
    new Kind("Inspection service", 104, false, "Hour")
  };

  private final long seed;

  /** Generator of items for the given seed. */
  public ItemGenerator(long seed, long count) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("items: 0 to " + MAX_COUNT + ", not " + count);
    }
    this.seed = seed;
  }

  /** The entity set definition matching this generator. */
  public static EntitySetDefinition definition() {
    Map<String, FieldType> f = new LinkedHashMap<>();
    f.put("ItemCode", FieldType.STRING);
    f.put("ItemName", FieldType.STRING);
    f.put("ItemsGroupCode", FieldType.DECIMAL);
    f.put("InventoryItem", FieldType.STRING);
    f.put("SalesItem", FieldType.STRING);
    f.put("PurchaseItem", FieldType.STRING);
    f.put("QuantityOnStock", FieldType.DECIMAL);
    f.put("InventoryUOM", FieldType.STRING);
    f.put("BarCode", FieldType.STRING);
    f.put("Valid", FieldType.STRING);
    f.put("CreateDate", FieldType.DATE);
    f.put("UpdateDate", FieldType.DATE);
    f.put("UpdateTime", FieldType.STRING);
    return new EntitySetDefinition(
        "Items", "Item", List.of("ItemCode"), f, "UpdateDate", false, null, "UpdateTime");
  }

  @Override
  public String keyOf(long index) {
    return String.format("A%07d", index + 1);
  }

  /** Midnight of the change date: the store's delta positions work on whole days. */
  @Override
  public Instant changedAt(long index) {
    return Condition.toInstant(LocalDate.ofInstant(changedExactly(index), ZoneOffset.UTC));
  }

  private Instant changedExactly(long index) {
    return SeedRandom.changedAt(seed, 8, index);
  }

  @Override
  public Map<String, Object> record(long index) {
    SplittableRandom r = SeedRandom.of(seed, 8, index);
    Kind kind = KINDS[r.nextInt(KINDS.length)];
    Instant changed = changedExactly(index);
    LocalDate changedDate = LocalDate.ofInstant(changed, ZoneOffset.UTC);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ItemCode", keyOf(index));
    m.put("ItemName", kind.name() + " #" + (index % 1000 + 1));
    m.put("ItemsGroupCode", BigDecimal.valueOf(kind.group()));
    m.put("InventoryItem", kind.inventory() ? "tYES" : "tNO");
    m.put("SalesItem", "tYES");
    m.put("PurchaseItem", "tYES");
    m.put(
        "QuantityOnStock", kind.inventory() ? BigDecimal.valueOf(r.nextInt(500)) : BigDecimal.ZERO);
    m.put("InventoryUOM", kind.unit());
    m.put("BarCode", String.format("40%011d", index + 1));
    m.put("Valid", "tYES");
    m.put("CreateDate", changedDate.minusDays(r.nextInt(400)));
    m.put("UpdateDate", changedDate);
    m.put("UpdateTime", BusinessPartnerGenerator.TIME.format(changed.atOffset(ZoneOffset.UTC)));
    return m;
  }

  /** Business One needs the client to name the ItemCode. */
  @Override
  public Map<String, Object> assignedKey(long sequence) {
    return null;
  }
}
