package com.tgm.erpsync.bench.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.mapping.engine.InMemoryReferenceResolver;
import com.tgm.erpsync.mapping.engine.MappingEngine;
import com.tgm.erpsync.mapping.engine.MappingResult;
import com.tgm.erpsync.mapping.engine.MergeResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records per second on one core for a 20-field SAP Equipment mapping of mixed types: OData V2
 * dates and date-times, string decimals, an integer as text, a SAP boolean, two ENUMs, two
 * REFERENCEs through an in-memory resolver, a nested path and a JSON field. Each operation maps (or
 * hashes, or merges) one record, taken in turn from a pool of distinct records so that no single
 * record's branch pattern is learnt by the CPU.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class MappingEngineBenchmark {
  private static final int POOL = 1024;
  private static final long CONNECTION = 1;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> STATUSES = List.of("INST", "AVLB", "DLFL", "INAC");

  private MappingEngine engine;
  private ObjectNode[] erpRecords;
  private ObjectNode[] tgmRecords;
  private ObjectNode[] changedTgmRecords;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    InMemoryReferenceResolver links = new InMemoryReferenceResolver();
    for (int i = 0; i < 200; i++) {
      links.link(CONNECTION, EntityType.LOCATION, 1000 + i, Integer.toString(1010 + i));
      links.link(CONNECTION, EntityType.COMPANY, 5000 + i, Integer.toString(17100001 + i));
    }
    engine = MappingEngine.compile(mapping(), links);

    Random random = new Random(42);
    erpRecords = new ObjectNode[POOL];
    tgmRecords = new ObjectNode[POOL];
    changedTgmRecords = new ObjectNode[POOL];
    for (int i = 0; i < POOL; i++) {
      erpRecords[i] = erpRecord(i, random);
      MappingResult tgm = engine.toTgm(erpRecords[i]);
      if (!tgm.ok()) {
        throw new IllegalStateException(tgm.problemSummary());
      }
      tgmRecords[i] = tgm.record();
      changedTgmRecords[i] = tgm.record().deepCopy().put("name", "Renamed " + i);
    }
  }

  @Benchmark
  public MappingResult erpToTgm() {
    return engine.toTgm(erpRecords[nextIndex()]);
  }

  @Benchmark
  public MappingResult tgmToErp() {
    return engine.toErp(tgmRecords[nextIndex()]);
  }

  @Benchmark
  public String hash() {
    return engine.hash(tgmRecords[nextIndex()]);
  }

  /** A TGM-side change against an unchanged ERP record: the usual outbound sync decision. */
  @Benchmark
  public MergeResult merge() {
    int i = nextIndex();
    return engine.merge(
        tgmRecords[i], changedTgmRecords[i], tgmRecords[i], ConflictResolution.MERGE, null, null);
  }

  private int nextIndex() {
    next = (next + 1) & (POOL - 1);
    return next;
  }

  static MappingSnapshot mapping() {
    Map<String, String> status = new LinkedHashMap<>();
    status.put("ACTIVE", "INST");
    status.put("INACTIVE", "AVLB");
    status.put("DECOMMISSIONED", "DLFL");
    status.put("IN_REPAIR", "INAC");
    Map<String, String> priority = new LinkedHashMap<>();
    priority.put("CRITICAL", "1");
    priority.put("HIGH", "2");
    priority.put("MEDIUM", "3");
    priority.put("LOW", "4");
    List<FieldMappingSpec> fields =
        List.of(
            spec("sapEquipment", "Equipment", FieldType.STRING, true, null, null, null),
            spec("validTo", "ValidityEndDate", FieldType.DATE, true, "ODATA_V2", null, null),
            spec("name", "EquipmentName", FieldType.STRING, false, null, null, null),
            spec("manufacturer", "ManufacturerName", FieldType.STRING, false, null, null, null),
            spec(
                "serialNumber",
                "ManufacturerSerialNumber",
                FieldType.STRING,
                false,
                null,
                null,
                null),
            spec("model", "ManufacturerPartTypeName", FieldType.STRING, false, null, null, null),
            spec(
                "locationId",
                "MaintenancePlant",
                FieldType.REFERENCE,
                false,
                null,
                null,
                EntityType.LOCATION),
            spec(
                "companyId",
                "Customer",
                FieldType.REFERENCE,
                false,
                null,
                null,
                EntityType.COMPANY),
            spec("installDate", "StartupDate", FieldType.DATE, false, "ODATA_V2", null, null),
            spec(
                "warrantyEndDate",
                "WarrantyEndDate",
                FieldType.DATE,
                false,
                "ODATA_V2",
                null,
                null),
            spec(
                "changedAt",
                "LastChangeDateTime",
                FieldType.DATETIME,
                false,
                "ODATA_V2",
                null,
                null),
            spec(
                "createdAt",
                "CreationDateTime",
                FieldType.DATETIME,
                false,
                "ODATA_V2@Europe/Berlin",
                null,
                null),
            spec("weight", "GrossWeight", FieldType.DECIMAL, false, "ODATA_V2", null, null),
            spec(
                "acquisitionValue",
                "AcquisitionValue",
                FieldType.DECIMAL,
                false,
                "ODATA_V2",
                null,
                null),
            spec(
                "constructionYear",
                "ConstructionYear",
                FieldType.INTEGER,
                false,
                "STRING",
                null,
                null),
            spec("active", "EquipmentIsActive", FieldType.BOOLEAN, false, "SAP", null, null),
            spec("status", "Status", FieldType.ENUM, false, null, status, null),
            spec("priority", "Priority", FieldType.ENUM, false, "NUMBER", priority, null),
            spec("city", "to_Address.CityName", FieldType.STRING, false, null, null, null),
            spec("specifications", "Specifications", FieldType.JSON, false, null, null, null));
    return new MappingSnapshot(
        MessageMeta.create("bench"),
        1,
        CONNECTION,
        EntityType.UNIT,
        "Equipment",
        true,
        SyncDirection.BIDIRECTIONAL,
        ConflictResolution.MERGE,
        100,
        "LastChangeDateTime",
        null,
        fields,
        1,
        Instant.parse("2024-01-15T08:00:00Z"));
  }

  private static FieldMappingSpec spec(
      String tgm,
      String erp,
      FieldType type,
      boolean key,
      String format,
      Map<String, String> valueMap,
      EntityType reference) {
    return new FieldMappingSpec(
        tgm, erp, type, SyncDirection.BIDIRECTIONAL, key, key, valueMap, null, format, reference);
  }

  private static ObjectNode erpRecord(int i, Random random) {
    ObjectNode record = NODES.objectNode();
    record.putObject("__metadata").put("etag", "W/\"datetimeoffset'2024-01-15'\"");
    record.put("Equipment", Integer.toString(10000000 + i));
    record.put("ValidityEndDate", "/Date(253402214400000)/");
    record.put("EquipmentName", "Centrifugal pump P-" + (100 + i));
    record.put("ManufacturerName", random.nextBoolean() ? "KSB" : "Grundfos");
    record.put("ManufacturerSerialNumber", "SN-" + (880000 + random.nextInt(10000)));
    record.put("ManufacturerPartTypeName", "Etanorm 050-032-" + (100 + random.nextInt(200)));
    record.put("MaintenancePlant", Integer.toString(1010 + random.nextInt(200)));
    record.put("Customer", Integer.toString(17100001 + random.nextInt(200)));
    record.put("StartupDate", odataDate(LocalDate.of(2010, 1, 1).plusDays(random.nextInt(5000))));
    if (random.nextInt(4) == 0) {
      record.putNull("WarrantyEndDate");
    } else {
      record.put(
          "WarrantyEndDate", odataDate(LocalDate.of(2020, 1, 1).plusDays(random.nextInt(3000))));
    }
    long changed = 1_700_000_000_000L + random.nextInt(1_000_000_000);
    record.put("LastChangeDateTime", "/Date(" + changed + "+0000)/");
    record.put("CreationDateTime", "/Date(" + (changed - 86_400_000L * random.nextInt(900)) + ")/");
    record.put("GrossWeight", BigDecimal.valueOf(random.nextInt(100_000), 3).toPlainString());
    record.put(
        "AcquisitionValue", BigDecimal.valueOf(random.nextInt(10_000_000), 2).toPlainString());
    record.put("ConstructionYear", Integer.toString(1990 + random.nextInt(34)));
    record.put("EquipmentIsActive", random.nextBoolean() ? "X" : "");
    record.put("Status", STATUSES.get(random.nextInt(STATUSES.size())));
    record.put("Priority", 1 + random.nextInt(4));
    record.putObject("to_Address").put("CityName", random.nextBoolean() ? "Walldorf" : "Berlin");
    ObjectNode specifications = record.putObject("Specifications");
    specifications.put("ratedPowerKw", BigDecimal.valueOf(random.nextInt(1000), 1));
    specifications.put("stages", 1 + random.nextInt(4));
    specifications.putArray("certificates").add("ATEX").add("CE");
    return record;
  }

  private static String odataDate(LocalDate date) {
    return "/Date(" + date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + ")/";
  }

  /** Parity check of the fixture for a quick look without JMH: prints one mapped record. */
  public static void main(String[] args) {
    MappingEngineBenchmark bench = new MappingEngineBenchmark();
    bench.setUp();
    JsonNode tgm = bench.tgmRecords[0];
    System.out.println(bench.erpRecords[0]);
    System.out.println(tgm);
    System.out.println(bench.engine.toErp(tgm).record());
    System.out.println(bench.engine.hash(tgm));
  }
}
