package com.tgm.erpsync.mapping.engine;

import static com.tgm.erpsync.mapping.engine.Mappings.enumField;
import static com.tgm.erpsync.mapping.engine.Mappings.field;
import static com.tgm.erpsync.mapping.engine.Mappings.json;
import static com.tgm.erpsync.mapping.engine.Mappings.key;
import static com.tgm.erpsync.mapping.engine.Mappings.required;
import static com.tgm.erpsync.mapping.engine.Mappings.withDefault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad data is reported as data, naming the record, the field, the value and what was expected. */
class FieldProblemTest {
  private static final Map<String, String> STATUSES = new LinkedHashMap<>();

  static {
    STATUSES.put("ACTIVE", "INST");
    STATUSES.put("INACTIVE", "AVLB");
  }

  private final MappingEngine equipment =
      Mappings.engine(
          EntityType.UNIT,
          key("sapEquipment", "Equipment", FieldType.STRING, null),
          key("validTo", "ValidityEndDate", FieldType.DATE, "ODATA_V2"),
          required("name", "EquipmentName", FieldType.STRING),
          field("installDate", "StartupDate", FieldType.DATE, "dd.MM.yyyy"),
          field("weight", "GrossWeight", FieldType.DECIMAL, "ODATA_V2"),
          enumField("status", "Status", STATUSES, null, null));

  @Test
  void namesRecordFieldValueAndExpectedFormat() {
    MappingResult result =
        equipment.toTgm(
            json(
                """
                {"Equipment":"10000045","ValidityEndDate":"/Date(253402214400000)/",
                 "EquipmentName":"Pump","StartupDate":"2017/04/13","GrossWeight":"7.400"}
                """));

    assertThat(result.ok()).isFalse();
    FieldProblem problem = result.problems().get(0);
    assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(problem.record())
        .containsExactly(
            Map.entry("Equipment", "10000045"),
            Map.entry("ValidityEndDate", "/Date(253402214400000)/"));
    assertThat(problem.tgmField()).isEqualTo("installDate");
    assertThat(problem.erpField()).isEqualTo("StartupDate");
    assertThat(problem.value()).isEqualTo("\"2017/04/13\"");
    assertThat(problem.expected()).isEqualTo("a date in the pattern dd.MM.yyyy (e.g. 13.04.2017)");
    assertThat(problem.message())
        .isEqualTo(
            "UNIT record {Equipment=10000045, ValidityEndDate=/Date(253402214400000)/}, field"
                + " installDate ← ERP StartupDate: value \"2017/04/13\" is not a valid date;"
                + " expected a date in the pattern dd.MM.yyyy (e.g. 13.04.2017)");
  }

  @Test
  void keepsTheFieldsThatConvertedBesideTheProblems() {
    MappingResult result =
        equipment.toTgm(
            json(
                "{\"Equipment\":\"1\",\"EquipmentName\":\"Pump\",\"GrossWeight\":\"heavy\","
                    + "\"Status\":\"DLFL\"}"));

    assertThat(result.record()).isEqualTo(json("{\"sapEquipment\":\"1\",\"name\":\"Pump\"}"));
    assertThat(result.problems())
        .extracting(FieldProblem::tgmField, FieldProblem::code)
        .containsExactly(
            tuple("weight", ErrorCode.VALIDATION_ERROR), tuple("status", ErrorCode.MAPPING_ERROR));
    assertThat(result.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(result.problemSummary())
        .isEqualTo(
            "UNIT record {Equipment=1}, field weight ← ERP GrossWeight: value \"heavy\" is not a"
                + " decimal number; expected a decimal number, e.g. 7.4 or \"7.400\"; UNIT record"
                + " {Equipment=1}, field status ← ERP Status: value \"DLFL\" has no entry in the"
                + " valueMap; expected one of \"INST\", \"AVLB\"");
  }

  @Test
  void failsAMissingRequiredFieldWithValidationError() {
    for (String erp :
        List.of(
            "{\"Equipment\":\"1\"}",
            "{\"Equipment\":\"1\",\"EquipmentName\":null}",
            "{\"Equipment\":\"1\",\"EquipmentName\":\"  \"}")) {
      MappingResult result = equipment.toTgm(json(erp));
      assertThat(result.problems()).hasSize(1);
      FieldProblem problem = result.problems().get(0);
      assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
      assertThat(problem.value()).isNull();
      assertThat(problem.message())
          .isEqualTo(
              "UNIT record {Equipment=1}, field name ← ERP EquipmentName: a required value is"
                  + " missing; expected a text value");
    }
  }

  @Test
  void namesTgmRecordsByIdAndKeyFieldsOutbound() {
    MappingResult result =
        equipment.toErp(
            json(
                "{\"id\":456,\"sapEquipment\":\"10000045\",\"name\":\"Pump\","
                    + "\"installDate\":\"13.04.2017\"}"));

    FieldProblem problem = result.problems().get(0);
    assertThat(problem.record())
        .containsExactly(Map.entry("id", "456"), Map.entry("sapEquipment", "10000045"));
    assertThat(problem.message())
        .isEqualTo(
            "UNIT record {id=456, sapEquipment=10000045}, field installDate → ERP StartupDate:"
                + " value \"13.04.2017\" is not a valid date; expected an ISO-8601 date"
                + " (2017-04-13)");
  }

  @Test
  void fillsMissingValuesFromTheDefault() {
    MappingEngine engine =
        Mappings.engine(
            EntityType.INVENTORY,
            withDefault("unitOfMeasure", "BaseUnit", FieldType.STRING, "EA"),
            withDefault("reorderPoint", "ReorderPoint", FieldType.DECIMAL, "0"),
            withDefault("active", "Active", FieldType.BOOLEAN, "true"),
            withDefault("since", "Since", FieldType.DATE, "2000-01-01"));

    assertThat(
            Json.sameJson(
                engine.toTgm(json("{\"BaseUnit\":null}")).record(),
                json(
                    "{\"unitOfMeasure\":\"EA\",\"reorderPoint\":0,\"active\":true,"
                        + "\"since\":\"2000-01-01\"}")))
        .isTrue();
    assertThat(
            Json.sameJson(
                engine.toErp(json("{}")).record(),
                json(
                    "{\"BaseUnit\":\"EA\",\"ReorderPoint\":0,\"Active\":true,"
                        + "\"Since\":\"2000-01-01\"}")))
        .isTrue();
  }

  @Test
  void satisfiesARequiredFieldWithItsDefault() {
    MappingEngine engine =
        Mappings.engine(
            EntityType.INVENTORY,
            Mappings.spec(
                "unitOfMeasure",
                "BaseUnit",
                FieldType.STRING,
                SyncDirection.BIDIRECTIONAL,
                true,
                false,
                null,
                "EA",
                null,
                null));
    MappingResult result = engine.toTgm(json("{\"BaseUnit\":\"\"}"));
    assertThat(result.problems()).isEmpty();
    assertThat(result.record()).isEqualTo(json("{\"unitOfMeasure\":\"EA\"}"));
  }

  @Test
  void leavesAbsentFieldsOutAndKeepsExplicitNulls() {
    MappingEngine engine =
        Mappings.engine(
            EntityType.UNIT,
            field("name", "Name", FieldType.STRING),
            field("installDate", "StartupDate", FieldType.DATE, "ODATA_V2"));

    assertThat(engine.toTgm(json("{\"Name\":\"Pump\"}")).record())
        .isEqualTo(json("{\"name\":\"Pump\"}"));
    assertThat(engine.toTgm(json("{\"Name\":\"Pump\",\"StartupDate\":null}")).record())
        .isEqualTo(json("{\"name\":\"Pump\",\"installDate\":null}"));
    assertThat(engine.toErp(json("{\"installDate\":null}")).record())
        .isEqualTo(json("{\"StartupDate\":null}"));
  }

  @Test
  void mapsOnlyThePresentFieldsOfAPatch() {
    MappingResult patch = equipment.toErpPatch(json("{\"weight\":7.5,\"status\":\"INACTIVE\"}"));

    assertThat(patch.problems()).isEmpty();
    assertThat(patch.record()).isEqualTo(json("{\"GrossWeight\":\"7.5\",\"Status\":\"AVLB\"}"));
    assertThat(equipment.toErp(json("{\"weight\":7.5}")).problems())
        .extracting(FieldProblem::tgmField)
        .containsExactly("name");
  }

  @Test
  void reportsARecordThatIsNoObject() {
    MappingResult result = equipment.toTgm(Mappings.value("[1,2]"));
    assertThat(result.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(result.problemSummary()).isEqualTo("UNIT record: [1,2] is not a JSON object");
  }

  @Test
  void getsThroughABatchOfBadRecordsWithoutThrowing() {
    List<String> garbage =
        List.of(
            "{}",
            "{\"Equipment\":{},\"EquipmentName\":[]}",
            "{\"ValidityEndDate\":12,\"StartupDate\":true,\"GrossWeight\":{\"x\":1}}",
            "{\"EquipmentName\":\"x\",\"Status\":null,\"GrossWeight\":\"NaN\"}",
            "{\"EquipmentName\":\"x\",\"GrossWeight\":1e400}");
    List<MappingResult> results = new ArrayList<>();
    for (String record : garbage) {
      results.add(equipment.toTgm(json(record)));
      results.add(equipment.toErp(json(record)));
    }
    assertThat(results).allSatisfy(r -> assertThat(r.record()).isNotNull());
    assertThat(results).anySatisfy(r -> assertThat(r.ok()).isFalse());
  }
}
