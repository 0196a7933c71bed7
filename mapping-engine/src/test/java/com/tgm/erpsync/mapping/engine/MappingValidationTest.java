package com.tgm.erpsync.mapping.engine;

import static com.tgm.erpsync.mapping.engine.Mappings.enumField;
import static com.tgm.erpsync.mapping.engine.Mappings.field;
import static com.tgm.erpsync.mapping.engine.Mappings.mapping;
import static com.tgm.erpsync.mapping.engine.Mappings.withDefault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mapping checks for mapping-service, before a mapping is stored. */
class MappingValidationTest {

  private static List<String> problems(FieldMappingSpec... fields) {
    List<FieldProblem> problems = MappingEngine.validate(mapping(EntityType.UNIT, fields));
    assertThat(problems).allSatisfy(p -> assertThat(p.code()).isEqualTo(ErrorCode.MAPPING_ERROR));
    return problems.stream().map(FieldProblem::message).toList();
  }

  @Test
  void acceptsTheGuidesExampleMapping() {
    assertThat(
            problems(
                Mappings.spec(
                    "name",
                    "Description",
                    FieldType.STRING,
                    SyncDirection.BIDIRECTIONAL,
                    true,
                    false,
                    null,
                    null,
                    null,
                    null),
                Mappings.spec(
                    "serialNumber",
                    "SerialNumber",
                    FieldType.STRING,
                    SyncDirection.INBOUND,
                    false,
                    true,
                    null,
                    null,
                    null,
                    null),
                Mappings.spec(
                    "manufacturer",
                    "ManufacturerName",
                    FieldType.STRING,
                    SyncDirection.INBOUND,
                    false,
                    false,
                    null,
                    null,
                    null,
                    null)))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DATE|NUMBER",
        "DATE|yyyy-MM-dd HH:mm",
        "DATE|bogus pattern {",
        "DATE|ODATA_V2@Mars/Olympus",
        "DATETIME|SAP",
        "DECIMAL|dd/MM/yyyy",
        "DECIMAL|STRING@Europe/Berlin",
        "INTEGER|YES_NO",
        "BOOLEAN|ISO",
        "JSON|NUMBER",
        "REFERENCE|BOOLEAN",
        "STRING|yyyy",
        "STRING|NUMBER",
        "STRING|STRING@UTC"
      })
  void refusesAFormatThatDoesNotFitTheType(FieldType type, String format) {
    FieldMappingSpec spec =
        Mappings.spec(
            "f",
            "F",
            type,
            SyncDirection.BIDIRECTIONAL,
            false,
            false,
            null,
            null,
            format,
            type == FieldType.REFERENCE ? EntityType.LOCATION : null);
    assertThat(problems(spec))
        .singleElement()
        .asString()
        .startsWith("UNIT mapping, field f (ERP F): ");
  }

  @Test
  void explainsWhatFormatsAType() {
    assertThat(problems(field("installDate", "StartupDate", FieldType.DATE, "NUMBER")))
        .containsExactly(
            "UNIT mapping, field installDate (ERP StartupDate): format \"NUMBER\" is not usable for"
                + " DATE; use ISO (default), ODATA_V2 or a java.time pattern such as dd/MM/yyyy");
    assertThat(problems(field("at", "At", FieldType.DATETIME, "ISO@Europe/Nowhere")))
        .containsExactly("UNIT mapping, field at (ERP At): unknown time zone \"Europe/Nowhere\"");
  }

  @Test
  void refusesADefaultThatIsNoValueOfTheType() {
    assertThat(problems(withDefault("weight", "GrossWeight", FieldType.DECIMAL, "heavy")))
        .containsExactly(
            "UNIT mapping, field weight (ERP GrossWeight): defaultValue \"heavy\" is not a decimal"
                + " number; expected a decimal number, e.g. 7.4 or \"7.400\"");
    assertThat(problems(enumField("status", "Status", Map.of("ACTIVE", "1"), "BROKEN", null)))
        .singleElement()
        .asString()
        .contains("defaultValue \"BROKEN\" is not one of the valueMap's TGM values \"ACTIVE\"");
    assertThat(problems(withDefault("specs", "Specs", FieldType.JSON, "{oops"))).hasSize(1);
  }

  @Test
  void refusesAValueMapThatCannotBeReadBackwards() {
    Map<String, String> lossy = new LinkedHashMap<>();
    lossy.put("ACTIVE", "1");
    lossy.put("IN_REPAIR", "1");
    assertThat(problems(enumField("status", "Status", lossy, null, null)))
        .containsExactly(
            "UNIT mapping, field status (ERP Status): valueMap maps both \"ACTIVE\" and"
                + " \"IN_REPAIR\" to ERP value \"1\", so inbound cannot tell them apart");
    assertThat(
            problems(
                Mappings.spec(
                    "status",
                    "Status",
                    FieldType.ENUM,
                    SyncDirection.OUTBOUND,
                    false,
                    false,
                    lossy,
                    null,
                    null,
                    null)))
        .isEmpty();
    assertThat(problems(enumField("status", "Status", Map.of("ACTIVE", "on"), null, "NUMBER")))
        .hasSize(1);
  }

  @Test
  void refusesAReferenceWithoutTarget() {
    assertThat(problems(field("locationId", "Plant", FieldType.REFERENCE)))
        .containsExactly(
            "UNIT mapping, field locationId (ERP Plant): a REFERENCE needs a referenceEntity");
  }

  @Test
  void refusesMissingNamesAndTypes() {
    assertThat(problems(field(" ", "X", FieldType.STRING)))
        .containsExactly("UNIT mapping, field   (ERP X): tgmField is missing");
    assertThat(problems(field("x", "a..b", FieldType.STRING))).hasSize(1);
    assertThat(problems(field("x", null, FieldType.STRING))).hasSize(1);
    assertThat(problems(field("x", "X", null)))
        .containsExactly("UNIT mapping, field x (ERP X): fieldType is missing");
    assertThat(MappingEngine.validate(mapping(EntityType.UNIT, (FieldMappingSpec) null)))
        .extracting(FieldProblem::message)
        .containsExactly("UNIT mapping: field mapping #1 is empty");
  }

  @Test
  void refusesTwoSourcesForOneField() {
    assertThat(
            problems(
                field("name", "EquipmentName", FieldType.STRING),
                field("name", "Description", FieldType.STRING)))
        .anySatisfy(
            m ->
                assertThat(m)
                    .isEqualTo(
                        "UNIT mapping, field name (ERP Description): TGM field name is also filled"
                            + " from ERP field EquipmentName; inbound a field can have one"
                            + " source"));
    assertThat(
            problems(
                field("name", "Description", FieldType.STRING),
                field("model", "Description", FieldType.STRING)))
        .singleElement()
        .asString()
        .contains("ERP field Description is also written from TGM field name");
  }

  @Test
  void allowsOneTgmFieldWrittenToTwoErpFields() {
    assertThat(
            problems(
                Mappings.directed(
                    "name", "EquipmentName", FieldType.STRING, SyncDirection.OUTBOUND),
                field("name", "Description", FieldType.STRING)))
        .isEmpty();
  }

  @Test
  void compileRefusesAnInvalidMappingWithEveryProblem() {
    assertThatThrownBy(
            () ->
                MappingEngine.compile(
                    mapping(
                        EntityType.UNIT,
                        field("a", "A", FieldType.DATE, "NUMBER"),
                        field("b", "B", FieldType.REFERENCE)),
                    ReferenceResolver.none()))
        .isInstanceOfSatisfying(
            InvalidMappingException.class, e -> assertThat(e.problems()).hasSize(2))
        .hasMessageContaining("field a (ERP A)")
        .hasMessageContaining("field b (ERP B)");
  }

  @Test
  void treatsAMissingDirectionAsBidirectional() {
    MappingEngine engine =
        Mappings.engine(
            EntityType.UNIT,
            Mappings.spec(
                "name", "Name", FieldType.STRING, null, false, false, null, null, null, null));
    assertThat(engine.toTgm(Mappings.json("{\"Name\":\"x\"}")).record()).hasSize(1);
    assertThat(engine.toErp(Mappings.json("{\"name\":\"x\"}")).record()).hasSize(1);
  }

  @Test
  void honoursTheMappingsDirectionOverTheFields() {
    MappingEngine inboundOnly =
        MappingEngine.compile(
            mapping(
                EntityType.UNIT,
                SyncDirection.INBOUND,
                null,
                field("name", "Name", FieldType.STRING),
                Mappings.directed("model", "Model", FieldType.STRING, SyncDirection.OUTBOUND)),
            ReferenceResolver.none());
    assertThat(inboundOnly.toTgm(Mappings.json("{\"Name\":\"x\",\"Model\":\"m\"}")).record())
        .isEqualTo(Mappings.json("{\"name\":\"x\"}"));
    assertThat(inboundOnly.toErp(Mappings.json("{\"name\":\"x\",\"model\":\"m\"}")).record())
        .isEmpty();
  }
}
