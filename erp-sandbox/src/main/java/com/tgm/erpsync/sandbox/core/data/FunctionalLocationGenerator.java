package com.tgm.erpsync.sandbox.core.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded functional locations in the shape of S/4HANA's API_FUNCTIONALLOCATION. */
public final class FunctionalLocationGenerator implements RecordGenerator {

  private static final String[] AREAS = {
    "Pump station", "Compressor house", "Boiler house", "Assembly line", "Warehouse aisle",
    "Packaging line", "Cooling plant", "Paint shop", "Utility room", "Loading dock"
  };

  private final long seed;

  /** Generator for the given seed. */
  public FunctionalLocationGenerator(long seed) {
    this.seed = seed;
  }

  /** The entity set definition matching this generator. */
  public static EntitySetDefinition definition() {
    Map<String, FieldType> f = new LinkedHashMap<>();
    f.put("FunctionalLocation", FieldType.STRING);
    f.put("FunctionalLocationName", FieldType.STRING);
    f.put("FunctionalLocationLabelName", FieldType.STRING);
    f.put("FunctionalLocationCategory", FieldType.STRING);
    f.put("SuperiorFunctionalLocation", FieldType.STRING);
    f.put("TechnicalObjectType", FieldType.STRING);
    f.put("MaintenancePlant", FieldType.STRING);
    f.put("LastChangeDateTime", FieldType.TIMESTAMP);
    return new EntitySetDefinition(
        "FunctionalLocation",
        "FunctionalLocationType",
        List.of("FunctionalLocation"),
        f,
        "LastChangeDateTime",
        false,
        "functionallocation");
  }

  @Override
  public String keyOf(long index) {
    return String.format("1010-%02d-%05d", index / 100_000, index % 100_000);
  }

  @Override
  public Instant changedAt(long index) {
    return SeedRandom.changedAt(seed, 2, index);
  }

  @Override
  public Map<String, Object> record(long index) {
    SplittableRandom r = SeedRandom.of(seed, 2, index);
    String key = keyOf(index);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("FunctionalLocation", key);
    m.put("FunctionalLocationName", SeedRandom.pick(r, AREAS) + " " + (1 + index % 40));
    m.put("FunctionalLocationLabelName", key);
    m.put("FunctionalLocationCategory", "M");
    m.put("SuperiorFunctionalLocation", key.substring(0, 7));
    m.put("TechnicalObjectType", "AREA");
    m.put("MaintenancePlant", "1010");
    m.put("LastChangeDateTime", changedAt(index));
    return m;
  }

  @Override
  public Map<String, Object> assignedKey(long sequence) {
    return null;
  }
}
