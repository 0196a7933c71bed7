package com.tgm.erpsync.mapping.engine;

import static com.tgm.erpsync.mapping.engine.Mappings.directed;
import static com.tgm.erpsync.mapping.engine.Mappings.field;
import static com.tgm.erpsync.mapping.engine.Mappings.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record hash: same meaning, same hash; the echo check and merge base rest on it. */
class RecordHashTest {
  private final MappingEngine engine =
      Mappings.engine(
          EntityType.INSPECTION,
          field("number", "Number", FieldType.STRING),
          field("measuredValue", "Value", FieldType.DECIMAL, "ODATA_V2"),
          field("count", "Count", FieldType.INTEGER),
          field("passed", "Passed", FieldType.BOOLEAN, "SAP"),
          field("inspectionDate", "Date", FieldType.DATETIME, "ODATA_V2"),
          field("dueDate", "Due", FieldType.DATE),
          field("result", "Result", FieldType.ENUM),
          field("details", "Details", FieldType.JSON));

  private static final String RECORD =
      """
      {"number":"MD-1","measuredValue":7.4,"count":3,"passed":true,
       "inspectionDate":"2017-04-13T15:51:04Z","dueDate":"2017-05-01","result":"PASS",
       "details":{"a":1,"b":[1,2]}}
      """;

  @Test
  void isALowerCaseSha256() {
    assertThat(engine.hash(json(RECORD))).matches("[0-9a-f]{64}");
  }

  @Test
  void ignoresFieldOrder() {
    String reordered =
        """
        {"details":{"b":[1,2],"a":1},"result":"PASS","dueDate":"2017-05-01",
         "inspectionDate":"2017-04-13T15:51:04Z","passed":true,"count":3,"measuredValue":7.4,
         "number":"MD-1"}
        """;
    assertThat(engine.hash(json(reordered))).isEqualTo(engine.hash(json(RECORD)));
  }

  @Test
  void ignoresNumberFormatting() {
    String hash = engine.hash(json(RECORD));
    for (String weight : List.of("7.40", "\"7.400\"", "\"7.4\"", "7.4000", "74E-1")) {
      assertThat(
              engine.hash(
                  json(RECORD.replace("\"measuredValue\":7.4", "\"measuredValue\":" + weight))))
          .as("measuredValue " + weight)
          .isEqualTo(hash);
    }
    assertThat(engine.hash(json(RECORD.replace("\"count\":3", "\"count\":\"3\"")))).isEqualTo(hash);
    assertThat(engine.hash(json(RECORD.replace("\"count\":3", "\"count\":3.00")))).isEqualTo(hash);
    assertThat(engine.hash(json(RECORD.replace("\"a\":1", "\"a\":1.0")))).isEqualTo(hash);
  }

  @Test
  void normalisesDatesToTheirInstantOrDate() {
    String hash = engine.hash(json(RECORD));
    for (String sameInstant :
        List.of(
            "2017-04-13T17:51:04+02:00",
            "2017-04-13T15:51:04.000Z",
            "2017-04-13T15:51:04.000400Z",
            "/Date(1492098664000)/")) {
      assertThat(engine.hash(json(RECORD.replace("2017-04-13T15:51:04Z", sameInstant))))
          .as(sameInstant)
          .isEqualTo(hash);
    }
    assertThat(engine.hash(json(RECORD.replace("\"2017-05-01\"", "\"2017-05-01T00:00:00\""))))
        .isEqualTo(hash);
  }

  @Test
  void treatsNullAbsentAndEmptyTextAlike() {
    String without = engine.hash(json("{\"number\":\"MD-1\"}"));
    assertThat(engine.hash(json("{\"number\":\"MD-1\",\"result\":null}"))).isEqualTo(without);
    assertThat(engine.hash(json("{\"number\":\"MD-1\",\"result\":\"\"}"))).isEqualTo(without);
    assertThat(engine.hash(json("{\"number\":\"MD-1\",\"details\":null}"))).isEqualTo(without);
  }

  @Test
  void ignoresFieldsOutsideTheMapping() {
    assertThat(
            engine.hash(json(RECORD.replace("{\"number\"", "{\"updatedAt\":\"now\",\"number\""))))
        .isEqualTo(engine.hash(json(RECORD)));
  }

  @Test
  void changesWithAnyMappedValue() {
    String hash = engine.hash(json(RECORD));
    for (String[] change :
        List.of(
            new String[] {"7.4", "7.41"},
            new String[] {"\"count\":3", "\"count\":4"},
            new String[] {"true", "false"},
            new String[] {"15:51:04Z", "15:51:05Z"},
            new String[] {"2017-05-01", "2017-05-02"},
            new String[] {"PASS", "FAIL"},
            new String[] {"[1,2]", "[2,1]"},
            new String[] {"MD-1", "MD-2"})) {
      assertThat(engine.hash(json(RECORD.replace(change[0], change[1]))))
          .as(change[0] + " → " + change[1])
          .isNotEqualTo(hash);
    }
  }

  @Test
  void doesNotConfuseValuesMovedBetweenFields() {
    MappingEngine two =
        Mappings.engine(
            EntityType.COMPANY,
            field("city", "City", FieldType.STRING),
            field("street", "Street", FieldType.STRING));
    assertThat(two.hash(json("{\"city\":\"ab\",\"street\":\"c\"}")))
        .isNotEqualTo(two.hash(json("{\"city\":\"a\",\"street\":\"bc\"}")));
  }

  @Test
  void comparesDateTimesAtThePrecisionTheErpKeeps() {
    MappingEngine seconds =
        Mappings.engine(
            EntityType.WORK_ORDER,
            field("completedAt", "CompletedAt", FieldType.DATETIME, "yyyy-MM-dd'T'HH:mm:ss"));
    assertThat(seconds.hash(json("{\"completedAt\":\"2024-01-15T10:29:59.870123Z\"}")))
        .isEqualTo(seconds.hash(json("{\"completedAt\":\"2024-01-15T10:29:59Z\"}")));
  }

  @Test
  void hashesEachDirectionOverTheFieldsThatFlowThatWay() {
    MappingEngine mixed =
        Mappings.engine(
            EntityType.UNIT,
            directed("serialNumber", "SerialNumber", FieldType.STRING, SyncDirection.INBOUND),
            directed("notes", "Notes", FieldType.STRING, SyncDirection.OUTBOUND),
            field("name", "Name", FieldType.STRING));
    String record = "{\"serialNumber\":\"SN-1\",\"notes\":\"n\",\"name\":\"Pump\"}";

    assertThat(mixed.inboundHash(json(record)))
        .isEqualTo(mixed.inboundHash(json("{\"serialNumber\":\"SN-1\",\"name\":\"Pump\"}")));
    assertThat(mixed.outboundHash(json(record)))
        .isEqualTo(mixed.outboundHash(json("{\"notes\":\"n\",\"name\":\"Pump\"}")));
    assertThat(mixed.hash(json(record))).isNotEqualTo(mixed.inboundHash(json(record)));
  }

  @Test
  void recognisesAnEchoOfWhatSyncWroteToTheErp() {
    MappingEngine sap =
        Mappings.engine(
            EntityType.UNIT,
            field("name", "EquipmentName", FieldType.STRING),
            field("weight", "GrossWeight", FieldType.DECIMAL, "ODATA_V2"),
            field("installDate", "StartupDate", FieldType.DATE, "ODATA_V2"),
            field("active", "EquipmentIsActive", FieldType.BOOLEAN, "SAP"));
    var base =
        json("{\"name\":\"Pump\",\"weight\":7.4,\"installDate\":\"2017-04-13\",\"active\":false}");
    var written = sap.toErp(base).record();
    // the ERP pads the decimal to its scale and hands the record back through a webhook
    var echo =
        json(
            "{\"EquipmentName\":\"Pump\",\"GrossWeight\":\"7.400\","
                + "\"StartupDate\":\"/Date(1492041600000)/\",\"EquipmentIsActive\":\"\"}");

    assertThat(written.get("StartupDate").textValue()).isEqualTo("/Date(1492041600000)/");
    assertThat(sap.inboundHash(sap.toTgm(echo).record())).isEqualTo(sap.inboundHash(base));
  }
}
