package com.tgm.erpsync.sandbox.core.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded equipment master records in the shape of S/4HANA's API_EQUIPMENT. */
public final class EquipmentGenerator implements RecordGenerator {

  /** Validity end of every current equipment record. */
  public static final LocalDate OPEN_END = LocalDate.of(9999, 12, 31);

  private static final long FIRST_NUMBER = 10_000_000L;

  private record Kind(
      String name,
      String objectType,
      String[] manufacturers,
      String modelPrefix,
      int minKg,
      int maxKg) {}

  private static final Kind[] KINDS = {
    new Kind("Centrifugal pump", "PUMP", new String[] {"KSB", "Grundfos", "Sulzer"}, "CP", 40, 900),
    new Kind(
        "Air compressor",
        "COMP",
        new String[] {"Atlas Copco", "Kaeser", "Ingersoll Rand"},
        "GA",
        150,
        2500),
    new Kind(
        "Forklift truck",
        "FORK",
        new String[] {"Toyota", "Linde", "Jungheinrich"},
        "FL",
        2800,
        5200),
    new Kind(
        "Belt conveyor", "CONV", new String[] {"Interroll", "Dorner", "Siemens"}, "BC", 120, 1800),
    new Kind(
        "Air handling unit", "HVAC", new String[] {"Trane", "Daikin", "Carrier"}, "AHU", 300, 3000),
    new Kind(
        "Steam boiler", "BOIL", new String[] {"Viessmann", "Bosch", "Babcock"}, "SB", 1500, 12000),
    new Kind(
        "CNC milling machine",
        "CNC",
        new String[] {"DMG Mori", "Haas", "Mazak"},
        "VM",
        3000,
        15000),
    new Kind(
        "Diesel generator set",
        "GEN",
        new String[] {"Caterpillar", "Cummins", "MTU"},
        "DG",
        900,
        9000),
    new Kind("Electric motor", "MOTR", new String[] {"ABB", "Siemens", "WEG"}, "M3", 15, 1200),
    new Kind(
        "Cooling tower",
        "CTWR",
        new String[] {"Baltimore Aircoil", "Evapco", "SPX"},
        "CT",
        2000,
        20000)
  };

  private static final String[] PLANTS = {"1010", "1010", "1710", "2010"};

  private final long seed;
  private final long count;

  /** Generator of {@code count} records for the given seed. */
  public EquipmentGenerator(long seed, long count) {
    this.seed = seed;
    this.count = count;
  }

  /** The entity set definition matching this generator. */
  public static EntitySetDefinition definition(String entitySet, boolean ifMatchRequired) {
    Map<String, FieldType> f = new LinkedHashMap<>();
    f.put("Equipment", FieldType.STRING);
    f.put("ValidityEndDate", FieldType.DATE);
    f.put("ValidityStartDate", FieldType.DATE);
    f.put("EquipmentName", FieldType.STRING);
    f.put("EquipmentCategory", FieldType.STRING);
    f.put("TechnicalObjectType", FieldType.STRING);
    f.put("GrossWeight", FieldType.DECIMAL);
    f.put("WeightUnit", FieldType.STRING);
    f.put("InventoryNumber", FieldType.STRING);
    f.put("AcquisitionDate", FieldType.DATE);
    f.put("ConstructionYear", FieldType.STRING);
    f.put("ConstructionMonth", FieldType.STRING);
    f.put("ManufacturerName", FieldType.STRING);
    f.put("ManufacturerPartTypeName", FieldType.STRING);
    f.put("ManufacturerSerialNumber", FieldType.STRING);
    f.put("SerialNumber", FieldType.STRING);
    f.put("MaintenancePlant", FieldType.STRING);
    f.put("FunctionalLocation", FieldType.STRING);
    f.put("CreationDate", FieldType.DATE);
    f.put("LastChangeDateTime", FieldType.TIMESTAMP);
    return new EntitySetDefinition(
        entitySet,
        "EquipmentType",
        List.of("Equipment", "ValidityEndDate"),
        f,
        "LastChangeDateTime",
        ifMatchRequired,
        "equipment");
  }

  static String number(long index) {
    return String.format("%08d", FIRST_NUMBER + index);
  }

  @Override
  public String keyOf(long index) {
    return number(index) + "|" + OPEN_END;
  }

  @Override
  public Instant changedAt(long index) {
    return SeedRandom.changedAt(seed, 1, index);
  }

  @Override
  public Map<String, Object> record(long index) {
    SplittableRandom r = SeedRandom.of(seed, 1, index);
    Kind kind = KINDS[r.nextInt(KINDS.length)];
    Instant changed = changedAt(index);
    LocalDate changedDate = LocalDate.ofInstant(changed, ZoneOffset.UTC);
    int year = 2004 + r.nextInt(16);
    int month = 1 + r.nextInt(12);
    LocalDate acquired = LocalDate.of(year, month, 1).plusDays(r.nextInt(27) + 30L);
    LocalDate created = acquired.plusDays(r.nextInt(20));
    if (created.isAfter(changedDate)) {
      created = changedDate;
    }
    String plant = SeedRandom.pick(r, PLANTS);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Equipment", number(index));
    m.put("ValidityEndDate", OPEN_END);
    m.put("ValidityStartDate", created);
    m.put("EquipmentName", kind.name() + " " + kind.objectType() + "-" + (100 + index % 900));
    m.put("EquipmentCategory", "M");
    m.put("TechnicalObjectType", kind.objectType());
    m.put(
        "GrossWeight",
        BigDecimal.valueOf(
            kind.minKg() * 1000L + r.nextLong((kind.maxKg() - kind.minKg()) * 1000L), 3));
    m.put("WeightUnit", "KG");
    m.put("InventoryNumber", String.format("INV-%07d", index + 1));
    m.put("AcquisitionDate", acquired);
    m.put("ConstructionYear", Integer.toString(year));
    m.put("ConstructionMonth", String.format("%02d", month));
    m.put("ManufacturerName", SeedRandom.pick(r, kind.manufacturers()));
    m.put("ManufacturerPartTypeName", kind.modelPrefix() + " " + (10 + r.nextInt(490)) * 10);
    m.put(
        "ManufacturerSerialNumber",
        ""
            + (char) ('A' + r.nextInt(26))
            + (char) ('A' + r.nextInt(26))
            + (10_000_000 + r.nextInt(89_999_999)));
    m.put("SerialNumber", "");
    m.put("MaintenancePlant", plant);
    m.put("FunctionalLocation", String.format("%s-%02d-%05d", plant, index % 7, index % 5000));
    m.put("CreationDate", created);
    m.put("LastChangeDateTime", changed);
    return m;
  }

  @Override
  public Map<String, Object> assignedKey(long sequence) {
    return Map.of("Equipment", number(count + sequence), "ValidityEndDate", OPEN_END);
  }
}
