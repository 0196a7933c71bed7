package com.tgm.erpsync.sandbox.core.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded maintenance orders in the shape of S/4HANA's API_MAINTENANCEORDER. */
public final class MaintenanceOrderGenerator implements RecordGenerator {

  private static final String[] TASKS = {
    "Replace mechanical seal", "Quarterly inspection", "Lubricate bearings", "Replace V-belts",
    "Calibrate pressure sensor", "Repair oil leak", "Annual safety check", "Clean heat exchanger"
  };
  private static final String[] TYPES = {"PM01", "PM02", "PM03"};
  private static final long FIRST_NUMBER = 4_000_000L;

  private final long seed;
  private final long count;

  /** Generator of {@code count} records for the given seed. */
  public MaintenanceOrderGenerator(long seed, long count) {
    this.seed = seed;
    this.count = count;
  }

  /** The entity set definition matching this generator. */
  public static EntitySetDefinition definition() {
    Map<String, FieldType> f = new LinkedHashMap<>();
    f.put("MaintenanceOrder", FieldType.STRING);
    f.put("MaintenanceOrderDesc", FieldType.STRING);
    f.put("MaintenanceOrderType", FieldType.STRING);
    f.put("MaintenancePlanningPlant", FieldType.STRING);
    f.put("MainWorkCenter", FieldType.STRING);
    f.put("MaintPriority", FieldType.STRING);
    f.put("Equipment", FieldType.STRING);
    f.put("FunctionalLocation", FieldType.STRING);
    f.put("MaintOrdBasicStartDate", FieldType.DATE);
    f.put("MaintOrdBasicEndDate", FieldType.DATE);
    f.put("LastChangeDateTime", FieldType.TIMESTAMP);
    return new EntitySetDefinition(
        "MaintenanceOrder",
        "MaintenanceOrderType",
        List.of("MaintenanceOrder"),
        f,
        "LastChangeDateTime",
        false,
        "maintenanceorder");
  }

  @Override
  public String keyOf(long index) {
    return Long.toString(FIRST_NUMBER + index);
  }

  @Override
  public Instant changedAt(long index) {
    return SeedRandom.changedAt(seed, 3, index);
  }

  @Override
  public Map<String, Object> record(long index) {
    SplittableRandom r = SeedRandom.of(seed, 3, index);
    LocalDate start = LocalDate.ofInstant(changedAt(index), ZoneOffset.UTC).plusDays(r.nextInt(14));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("MaintenanceOrder", keyOf(index));
    m.put("MaintenanceOrderDesc", SeedRandom.pick(r, TASKS));
    m.put("MaintenanceOrderType", SeedRandom.pick(r, TYPES));
    m.put("MaintenancePlanningPlant", "1010");
    m.put("MainWorkCenter", r.nextBoolean() ? "MECH" : "ELEC");
    m.put("MaintPriority", Integer.toString(1 + r.nextInt(4)));
    m.put("Equipment", EquipmentGenerator.number(r.nextInt(10_000)));
    m.put("FunctionalLocation", String.format("1010-00-%05d", r.nextInt(1000)));
    m.put("MaintOrdBasicStartDate", start);
    m.put("MaintOrdBasicEndDate", start.plusDays(r.nextInt(5)));
    m.put("LastChangeDateTime", changedAt(index));
    return m;
  }

  @Override
  public Map<String, Object> assignedKey(long sequence) {
    return Map.of("MaintenanceOrder", Long.toString(FIRST_NUMBER + count + sequence));
  }
}
