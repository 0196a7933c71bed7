package com.tgm.erpsync.sandbox.core.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeded equipment of an ECC system as a custom SEGW service exposes it: EQUI/EQKT field names,
 * 18-digit internal equipment numbers and a change date ({@code Aedat}) without time.
 */
public final class EccEquipmentGenerator implements RecordGenerator {

  private final EquipmentGenerator base;
  private final long count;

  /** Generator of {@code count} records for the given seed. */
  public EccEquipmentGenerator(long seed, long count) {
    this.base = new EquipmentGenerator(seed ^ 0x5EC0L, count);
    this.count = count;
  }

  /** The entity set definition matching this generator. */
  public static EntitySetDefinition definition(boolean ifMatchRequired) {
    Map<String, FieldType> f = new LinkedHashMap<>();
    f.put("Equnr", FieldType.STRING);
    f.put("Eqktx", FieldType.STRING);
    f.put("Eqtyp", FieldType.STRING);
    f.put("Eqart", FieldType.STRING);
    f.put("Herst", FieldType.STRING);
    f.put("Typbz", FieldType.STRING);
    f.put("Serge", FieldType.STRING);
    f.put("Sernr", FieldType.STRING);
    f.put("Baujj", FieldType.STRING);
    f.put("Invnr", FieldType.STRING);
    f.put("Brgew", FieldType.DECIMAL);
    f.put("Gewei", FieldType.STRING);
    f.put("Ansdt", FieldType.DATE);
    f.put("Tplnr", FieldType.STRING);
    f.put("Swerk", FieldType.STRING);
    f.put("Erdat", FieldType.DATE);
    f.put("Aedat", FieldType.DATE);
    return new EntitySetDefinition(
        "EquipmentSet", "Equipment", List.of("Equnr"), f, "Aedat", ifMatchRequired, null);
  }

  private static String number(long n) {
    return String.format("%018d", 10_000_000L + n);
  }

  @Override
  public String keyOf(long index) {
    return number(index);
  }

  @Override
  public Instant changedAt(long index) {
    return Condition.toInstant(LocalDate.ofInstant(base.changedAt(index), ZoneOffset.UTC));
  }

  @Override
  public Map<String, Object> record(long index) {
    Map<String, Object> s = base.record(index);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Equnr", number(index));
    m.put("Eqktx", s.get("EquipmentName"));
    m.put("Eqtyp", s.get("EquipmentCategory"));
    m.put("Eqart", s.get("TechnicalObjectType"));
    m.put("Herst", s.get("ManufacturerName"));
    m.put("Typbz", s.get("ManufacturerPartTypeName"));
    m.put("Serge", s.get("ManufacturerSerialNumber"));
    m.put("Sernr", "");
    m.put("Baujj", s.get("ConstructionYear"));
    m.put("Invnr", s.get("InventoryNumber"));
    m.put("Brgew", s.get("GrossWeight"));
    m.put("Gewei", s.get("WeightUnit"));
    m.put("Ansdt", s.get("AcquisitionDate"));
    m.put("Tplnr", s.get("FunctionalLocation"));
    m.put("Swerk", s.get("MaintenancePlant"));
    m.put("Erdat", s.get("CreationDate"));
    m.put("Aedat", LocalDate.ofInstant(base.changedAt(index), ZoneOffset.UTC));
    return m;
  }

  @Override
  public Map<String, Object> assignedKey(long sequence) {
    return Map.of("Equnr", number(count + sequence));
  }
}
