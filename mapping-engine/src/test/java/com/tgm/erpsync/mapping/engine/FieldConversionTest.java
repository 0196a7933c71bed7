package com.tgm.erpsync.mapping.engine;

import static com.tgm.erpsync.mapping.engine.Mappings.enumField;
import static com.tgm.erpsync.mapping.engine.Mappings.field;
import static com.tgm.erpsync.mapping.engine.Mappings.json;
import static com.tgm.erpsync.mapping.engine.Mappings.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every field type, ERP → TGM and TGM → ERP, one field at a time. */
class FieldConversionTest {

  /** The TGM value of ERP value {@code erpJson} in a one-field mapping f ↔ F. */
  private static JsonNode inbound(FieldMappingSpec spec, String erpJson) {
    MappingResult result =
        Mappings.engine(EntityType.UNIT, spec).toTgm(json("{\"F\":" + erpJson + "}"));
    assertThat(result.problems()).as("problems").isEmpty();
    return result.record().get("f");
  }

  private static JsonNode outbound(FieldMappingSpec spec, String tgmJson) {
    MappingResult result =
        Mappings.engine(EntityType.UNIT, spec).toErp(json("{\"f\":" + tgmJson + "}"));
    assertThat(result.problems()).as("problems").isEmpty();
    return result.record().get("F");
  }

  private static FieldProblem inboundProblem(FieldMappingSpec spec, String erpJson) {
    MappingResult result =
        Mappings.engine(EntityType.UNIT, spec).toTgm(json("{\"F\":" + erpJson + "}"));
    assertThat(result.problems()).hasSize(1);
    return result.problems().get(0);
  }

  private static FieldMappingSpec of(FieldType type, String format) {
    return field("f", "F", type, format);
  }

  // ------------------------------------------------------------------------------ STRING

  @Test
  void readsAndWritesText() {
    assertThat(inbound(of(FieldType.STRING, null), "\"Centrifugal pump P-101\"").textValue())
        .isEqualTo("Centrifugal pump P-101");
    assertThat(outbound(of(FieldType.STRING, null), "\"Pumpe\"").textValue()).isEqualTo("Pumpe");
  }

  @Test
  void turnsNumbersAndBooleansIntoTextForStringFields() {
    assertThat(inbound(of(FieldType.STRING, null), "10000045").textValue()).isEqualTo("10000045");
    assertThat(inbound(of(FieldType.STRING, null), "7.40").textValue()).isEqualTo("7.40");
    assertThat(inbound(of(FieldType.STRING, null), "true").textValue()).isEqualTo("true");
  }

  @Test
  void refusesAnObjectForAStringField() {
    FieldProblem problem = inboundProblem(of(FieldType.STRING, null), "{\"a\":1}");
    assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(problem.expected()).isEqualTo("a text value");
  }

  // ------------------------------------------------------------------------------ INTEGER

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"42|42", "\"42\"|42", "\" 42 \"|42", "7.000|7", "\"-3\"|-3", "\"1E+3\"|1000"})
  void readsWholeNumbersFromNumbersAndText(String erp, long tgm) {
    assertThat(inbound(of(FieldType.INTEGER, null), erp).longValue()).isEqualTo(tgm);
  }

  @Test
  void keepsWholeNumbersBeyondLong() {
    assertThat(inbound(of(FieldType.INTEGER, null), "\"123456789012345678901234567890\"").asText())
        .isEqualTo("123456789012345678901234567890");
  }

  @Test
  void writesWholeNumbersAsNumbersOrAsTextForODataV2() {
    assertThat(outbound(of(FieldType.INTEGER, null), "42")).isEqualTo(value("42"));
    assertThat(outbound(of(FieldType.INTEGER, "ODATA_V2"), "42")).isEqualTo(value("\"42\""));
    assertThat(outbound(of(FieldType.INTEGER, "STRING"), "\"0042\"")).isEqualTo(value("\"42\""));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"7.5", "\"seven\"", "true", "\"1.5\""})
  void refusesWhatIsNoWholeNumber(String erp) {
    FieldProblem problem = inboundProblem(of(FieldType.INTEGER, null), erp);
    assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(problem.message()).contains("is not a whole number");
  }

  // ------------------------------------------------------------------------------ DECIMAL

  @Test
  void readsStringDecimalsKeepingTheirScale() {
    JsonNode tgm = inbound(of(FieldType.DECIMAL, "ODATA_V2"), "\"7.400\"");
    assertThat(tgm.isBigDecimal()).isTrue();
    assertThat(tgm.decimalValue()).isEqualTo(new BigDecimal("7.400"));
    assertThat(tgm.decimalValue().scale()).isEqualTo(3);
  }

  @Test
  void readsNumberDecimalsKeepingTheirScale() {
    assertThat(inbound(of(FieldType.DECIMAL, null), "7.40").decimalValue())
        .isEqualTo(new BigDecimal("7.40"));
    assertThat(inbound(of(FieldType.DECIMAL, null), "15000").decimalValue())
        .isEqualTo(new BigDecimal("15000"));
  }

  @Test
  void writesDecimalsAsTextForODataV2AndAsNumbersOtherwise() {
    assertThat(outbound(of(FieldType.DECIMAL, "ODATA_V2"), "7.400").textValue()).isEqualTo("7.400");
    assertThat(outbound(of(FieldType.DECIMAL, "STRING"), "\"0.10\"").textValue()).isEqualTo("0.10");
    JsonNode number = outbound(of(FieldType.DECIMAL, null), "\"7.400\"");
    assertThat(number.isBigDecimal()).isTrue();
    assertThat(number.toString()).isEqualTo("7.400");
  }

  @Test
  void writesLargeAndSmallDecimalsWithoutExponent() {
    assertThat(outbound(of(FieldType.DECIMAL, "STRING"), "\"1E+3\"").textValue()).isEqualTo("1000");
    assertThat(outbound(of(FieldType.DECIMAL, "STRING"), "0.0000001").textValue())
        .isEqualTo("0.0000001");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"\"7,4\"", "\"abc\"", "\"1E+999999999\"", "[1]"})
  void refusesWhatIsNoDecimal(String erp) {
    FieldProblem problem = inboundProblem(of(FieldType.DECIMAL, null), erp);
    assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(problem.expected()).isEqualTo("a decimal number, e.g. 7.4 or \"7.400\"");
  }

  // ------------------------------------------------------------------------------ BOOLEAN

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "true|true", "false|false", "\"X\"|true", "\"\"|false", "\" \"|false", "\"true\"|true",
        "\"FALSE\"|false", "1|true", "0|false", "\"1\"|true", "\"0\"|false", "\"Yes\"|true",
        "\"No\"|false"
      })
  void readsEveryErpSpellingOfABoolean(String erp, boolean tgm) {
    assertThat(inbound(of(FieldType.BOOLEAN, null), erp).booleanValue()).isEqualTo(tgm);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|true|true",
        "BOOLEAN|false|false",
        "SAP|true|\"X\"",
        "SAP|false|\"\"",
        "NUMBER|true|1",
        "NUMBER|false|0",
        "STRING|true|\"true\"",
        "YES_NO|false|\"No\""
      })
  void writesBooleansInTheFormatTheErpWants(String format, boolean tgm, String erp) {
    assertThat(outbound(of(FieldType.BOOLEAN, format), String.valueOf(tgm))).isEqualTo(value(erp));
  }

  @Test
  void refusesAWordThatIsNoBoolean() {
    FieldProblem problem = inboundProblem(of(FieldType.BOOLEAN, "SAP"), "\"maybe\"");
    assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(problem.message()).contains("\"maybe\" is not a boolean");
  }

  // ------------------------------------------------------------------------------ DATE

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|\"2017-04-13\"|2017-04-13",
        "ISO|\"2017-04-13T00:00:00\"|2017-04-13",
        "ISO|\"2017-04-13T12:00:00Z\"|2017-04-13",
        "ISO|\"2017-04-13T23:30:00-05:00\"|2017-04-13",
        "|\"/Date(1492041600000)/\"|2017-04-13",
        "ODATA_V2|\"/Date(1492041600000)/\"|2017-04-13",
        "ODATA_V2|\"/Date(253402214400000)/\"|9999-12-31",
        "ODATA_V2|\"/Date(-2208988800000)/\"|1900-01-01",
        "ODATA_V2|\"/Date(1492120800000+0200)/\"|2017-04-14",
        "dd/MM/yyyy|\"13/04/2017\"|2017-04-13",
        "M/d/yyyy|\"4/3/2017\"|2017-04-03",
        "M/d/yyyy|\"2017-04-03\"|2017-04-03",
        "dd.MM.yyyy|\"13.04.2017\"|2017-04-13"
      })
  void readsDatesInEveryFormat(String format, String erp, String tgm) {
    assertThat(inbound(of(FieldType.DATE, format), erp).textValue()).isEqualTo(tgm);
  }

  @Test
  void readsTheDateOfAnInstantInTheFormatsZone() {
    assertThat(
            inbound(of(FieldType.DATE, "@Europe/Berlin"), "\"2017-04-13T22:30:00Z\"").textValue())
        .isEqualTo("2017-04-14");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|2017-04-13",
        "ISO|2017-04-13",
        "ODATA_V2|/Date(1492041600000)/",
        "ODATA_V2|/Date(-2208988800000)/",
        "dd/MM/yyyy|13/04/2017",
        "M/d/yyyy|4/13/2017"
      })
  void writesDatesInEveryFormat(String format, String erp) {
    String tgm = erp.contains("-2208988800000") ? "1900-01-01" : "2017-04-13";
    assertThat(outbound(of(FieldType.DATE, format), "\"" + tgm + "\"").textValue()).isEqualTo(erp);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dd/MM/yyyy|\"31/02/2024\"",
        "|\"2017-13-01\"",
        "|\"13.04.2017\"",
        "|\"/Date(abc)/\"",
        "|20170413"
      })
  void refusesDatesThatDoNotExistOrDoNotParse(String format, String erp) {
    FieldProblem problem = inboundProblem(of(FieldType.DATE, format), erp);
    assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
  }

  @Test
  void takesABlankDateAsNoDate() {
    MappingResult result =
        Mappings.engine(EntityType.UNIT, of(FieldType.DATE, "ODATA_V2"))
            .toTgm(json("{\"F\":\"\"}"));
    assertThat(result.problems()).isEmpty();
    assertThat(result.record().get("f").isNull()).isTrue();
  }

  // ------------------------------------------------------------------------------ DATETIME

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|\"/Date(1492098664000)/\"|2017-04-13T15:51:04Z",
        "ODATA_V2|\"/Date(1492098664000)/\"|2017-04-13T15:51:04Z",
        "ODATA_V2|\"/Date(-2208988800000)/\"|1900-01-01T00:00:00Z",
        "ODATA_V2|\"/Date(1492098664000+0200)/\"|2017-04-13T15:51:04Z",
        "ODATA_V2|\"/Date(1492098664000-0530)/\"|2017-04-13T15:51:04Z",
        "ODATA_V2@Europe/Berlin|\"/Date(1492098664000)/\"|2017-04-13T13:51:04Z",
        "ODATA_V2@Europe/Berlin|\"/Date(1492098664000+0000)/\"|2017-04-13T15:51:04Z",
        "|\"2017-04-13T15:51:04Z\"|2017-04-13T15:51:04Z",
        "ISO|\"2017-04-13T15:51:04.123Z\"|2017-04-13T15:51:04.123Z",
        "|\"2017-04-13T17:51:04+02:00\"|2017-04-13T15:51:04Z",
        "|\"2017-04-13T15:51:04\"|2017-04-13T15:51:04Z",
        "@Europe/Berlin|\"2017-04-13T17:51:04\"|2017-04-13T15:51:04Z",
        "@Europe/Berlin|\"2017-04-13T17:51:04Z\"|2017-04-13T17:51:04Z",
        "ISO@America/New_York|\"2017-01-13T10:51:04\"|2017-01-13T15:51:04Z",
        "|\"2017-04-13\"|2017-04-13T00:00:00Z",
        "yyyy-MM-dd'T'HH:mm:ss@Europe/Berlin|\"2017-04-13T17:51:04\"|2017-04-13T15:51:04Z",
        "M/d/yyyy h:mm a@America/Los_Angeles|\"4/13/2017 8:51 AM\"|2017-04-13T15:51:00Z",
        "yyyy-MM-dd'T'HH:mm:ssxxx|\"2024-01-01T00:00:00+00:00\"|2024-01-01T00:00:00Z",
        "EPOCH_MILLIS|1492098664000|2017-04-13T15:51:04Z",
        "EPOCH_MILLIS|\"1492098664000\"|2017-04-13T15:51:04Z"
      })
  void readsDateTimesInEveryFormat(String format, String erp, String tgm) {
    assertThat(inbound(of(FieldType.DATETIME, format), erp).textValue()).isEqualTo(tgm);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|2017-04-13T15:51:04Z",
        "ISO|2017-04-13T15:51:04Z",
        "ODATA_V2|/Date(1492098664000)/",
        "ODATA_V2@Europe/Berlin|/Date(1492105864000)/",
        "@Europe/Berlin|2017-04-13T17:51:04",
        "yyyy-MM-dd'T'HH:mm:ssxxx|2017-04-13T15:51:04+00:00",
        "yyyy-MM-dd'T'HH:mm:ssxxx@Europe/Berlin|2017-04-13T17:51:04+02:00",
        "M/d/yyyy h:mm a@America/Los_Angeles|4/13/2017 8:51 AM"
      })
  void writesDateTimesInEveryFormat(String format, String erp) {
    assertThat(outbound(of(FieldType.DATETIME, format), "\"2017-04-13T15:51:04Z\"").textValue())
        .isEqualTo(erp);
  }

  @Test
  void writesODataVectorsBack() {
    FieldMappingSpec odata = of(FieldType.DATETIME, "ODATA_V2");
    assertThat(outbound(odata, "\"1900-01-01T00:00:00Z\"").textValue())
        .isEqualTo("/Date(-2208988800000)/");
    assertThat(outbound(odata, "\"2017-04-13T17:51:04+02:00\"").textValue())
        .isEqualTo("/Date(1492098664000)/");
    assertThat(outbound(of(FieldType.DATETIME, "EPOCH_MILLIS"), "\"2017-04-13T15:51:04Z\""))
        .isEqualTo(value("1492098664000"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|\"/Date(1492098664000+2500)/\"",
        "|\"/Date(1492098664000)\"",
        "|\"yesterday\"",
        "|1492098664000",
        "|\"2017-02-30T10:00:00Z\""
      })
  void refusesDateTimesThatDoNotParse(String format, String erp) {
    FieldProblem problem = inboundProblem(of(FieldType.DATETIME, format), erp);
    assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
  }

  // ------------------------------------------------------------------------------ ENUM

  private static final Map<String, String> PRIORITIES = new LinkedHashMap<>();

  static {
    PRIORITIES.put("LOW", "4");
    PRIORITIES.put("MEDIUM", "3");
    PRIORITIES.put("HIGH", "2");
    PRIORITIES.put("CRITICAL", "1");
  }

  @Test
  void readsEnumValuesThroughTheReversedValueMap() {
    FieldMappingSpec priority = enumField("f", "F", PRIORITIES, null, null);
    assertThat(inbound(priority, "\"2\"").textValue()).isEqualTo("HIGH");
    assertThat(inbound(priority, "2").textValue()).isEqualTo("HIGH");
  }

  @Test
  void writesEnumValuesThroughTheValueMap() {
    assertThat(outbound(enumField("f", "F", PRIORITIES, null, null), "\"CRITICAL\""))
        .isEqualTo(value("\"1\""));
    assertThat(outbound(enumField("f", "F", PRIORITIES, null, "NUMBER"), "\"CRITICAL\""))
        .isEqualTo(value("1"));
    assertThat(
            outbound(
                enumField("f", "F", Map.of("ACTIVE", "true", "INACTIVE", "false"), null, "BOOLEAN"),
                "\"INACTIVE\""))
        .isEqualTo(value("false"));
  }

  @Test
  void givesAnUnmappedEnumValueTheDefault() {
    FieldMappingSpec priority = enumField("f", "F", PRIORITIES, "MEDIUM", null);
    assertThat(inbound(priority, "\"9\"").textValue()).isEqualTo("MEDIUM");
    assertThat(outbound(priority, "\"URGENT\"").textValue()).isEqualTo("3");
  }

  @Test
  void failsAnUnmappedEnumValueWithoutDefaultAsMappingError() {
    FieldProblem problem = inboundProblem(enumField("f", "F", PRIORITIES, null, null), "\"9\"");
    assertThat(problem.code()).isEqualTo(ErrorCode.MAPPING_ERROR);
    assertThat(problem.value()).isEqualTo("\"9\"");
    assertThat(problem.expected()).isEqualTo("one of \"4\", \"3\", \"2\", \"1\"");

    MappingResult out =
        Mappings.engine(EntityType.WORK_ORDER, enumField("f", "F", PRIORITIES, null, null))
            .toErp(json("{\"f\":\"URGENT\"}"));
    assertThat(out.errorCode()).isEqualTo(ErrorCode.MAPPING_ERROR);
    assertThat(out.problems().get(0).expected())
        .isEqualTo("one of \"LOW\", \"MEDIUM\", \"HIGH\", \"CRITICAL\"");
  }

  @Test
  void passesEnumValuesUnchangedWithoutValueMap() {
    FieldMappingSpec status = enumField("f", "F", null, null, null);
    assertThat(inbound(status, "\"IN_REPAIR\"").textValue()).isEqualTo("IN_REPAIR");
    assertThat(outbound(status, "\"IN_REPAIR\"").textValue()).isEqualTo("IN_REPAIR");
  }

  @Test
  void takesABlankUnmappedEnumValueAsNoValue() {
    MappingResult result =
        Mappings.engine(EntityType.UNIT, enumField("f", "F", PRIORITIES, null, null))
            .toTgm(json("{\"F\":\"\"}"));
    assertThat(result.problems()).isEmpty();
    assertThat(result.record().get("f").isNull()).isTrue();
  }

  // ------------------------------------------------------------------------------ REFERENCE

  private static final InMemoryReferenceResolver LINKS =
      new InMemoryReferenceResolver()
          .link(Mappings.CONNECTION_ID, EntityType.LOCATION, 42, "1010")
          .link(Mappings.CONNECTION_ID, EntityType.COMPANY, 7, "17100001");

  private static MappingEngine withLinks(FieldMappingSpec spec) {
    return MappingEngine.compile(Mappings.mapping(EntityType.UNIT, spec), LINKS);
  }

  @Test
  void resolvesReferencesBothWays() {
    FieldMappingSpec plant =
        Mappings.reference("locationId", "MaintenancePlant", EntityType.LOCATION);
    MappingEngine engine = withLinks(plant);

    assertThat(engine.toTgm(json("{\"MaintenancePlant\":\"1010\"}")).record())
        .isEqualTo(json("{\"locationId\":42}"));
    assertThat(engine.toErp(json("{\"locationId\":42}")).record())
        .isEqualTo(json("{\"MaintenancePlant\":\"1010\"}"));
    assertThat(engine.toErp(json("{\"locationId\":\"42\"}")).record())
        .isEqualTo(json("{\"MaintenancePlant\":\"1010\"}"));
  }

  @Test
  void writesNumericErpKeysAsNumbersWhenAsked() {
    FieldMappingSpec company =
        Mappings.spec(
            "companyId",
            "customer.id",
            FieldType.REFERENCE,
            SyncDirection.BIDIRECTIONAL,
            false,
            false,
            null,
            null,
            "NUMBER",
            EntityType.COMPANY);
    MappingEngine engine = withLinks(company);

    assertThat(engine.toErp(json("{\"companyId\":7}")).record())
        .isEqualTo(json("{\"customer\":{\"id\":17100001}}"));
    assertThat(engine.toTgm(json("{\"customer\":{\"id\":17100001}}")).record())
        .isEqualTo(json("{\"companyId\":7}"));
  }

  @Test
  void reportsAnUnlinkedReferenceAsAFieldProblemNotAnException() {
    MappingEngine engine =
        withLinks(Mappings.reference("locationId", "MaintenancePlant", EntityType.LOCATION));

    MappingResult in = engine.toTgm(json("{\"MaintenancePlant\":\"2020\"}"));
    assertThat(in.errorCode()).isEqualTo(ErrorCode.MAPPING_ERROR);
    assertThat(in.problems().get(0).message())
        .contains("\"2020\" is not linked to any TGM LOCATION on connection 7");

    MappingResult out = engine.toErp(json("{\"locationId\":99}"));
    assertThat(out.errorCode()).isEqualTo(ErrorCode.MAPPING_ERROR);
    assertThat(out.problems().get(0).message())
        .contains("99 is not linked to any ERP LOCATION on connection 7");
  }

  @Test
  void takesABlankErpKeyAsNoReference() {
    MappingEngine engine =
        withLinks(Mappings.reference("locationId", "MaintenancePlant", EntityType.LOCATION));
    MappingResult result = engine.toTgm(json("{\"MaintenancePlant\":\"\"}"));
    assertThat(result.problems()).isEmpty();
    assertThat(result.record().get("locationId").isNull()).isTrue();
  }

  // ------------------------------------------------------------------------------ JSON

  @Test
  void passesJsonThrough() {
    String specs = "{\"ratedPower\":{\"value\":7.5,\"unit\":\"kW\"},\"tags\":[\"pump\",\"atex\"]}";
    assertThat(inbound(of(FieldType.JSON, null), specs)).isEqualTo(value(specs));
    assertThat(outbound(of(FieldType.JSON, null), specs)).isEqualTo(value(specs));
  }

  @Test
  void readsAndWritesJsonHeldAsTextWhenAsked() {
    FieldMappingSpec asText = of(FieldType.JSON, "STRING");
    assertThat(inbound(asText, "\"{\\\"rpm\\\":2900}\"")).isEqualTo(value("{\"rpm\":2900}"));
    assertThat(outbound(asText, "{\"rpm\":2900}").textValue()).isEqualTo("{\"rpm\":2900}");
  }

  @Test
  void readsJsonTextOnTheTgmSideAsJson() {
    assertThat(outbound(of(FieldType.JSON, null), "\"{\\\"rpm\\\":2900}\""))
        .isEqualTo(value("{\"rpm\":2900}"));
  }

  // ------------------------------------------------------------------------------ nested paths

  @Test
  void readsAndWritesDottedPathsIntoNestedObjects() {
    MappingEngine engine =
        Mappings.engine(
            EntityType.COMPANY,
            field("city", "to_Address.CityName", FieldType.STRING),
            field("postalCode", "to_Address.PostalCode", FieldType.STRING),
            field("name", "BusinessPartnerFullName", FieldType.STRING));
    String erp =
        "{\"BusinessPartnerFullName\":\"Acme\","
            + "\"to_Address\":{\"CityName\":\"Walldorf\",\"PostalCode\":\"69190\"}}";

    MappingResult in = engine.toTgm(json(erp));
    assertThat(in.record())
        .isEqualTo(json("{\"city\":\"Walldorf\",\"postalCode\":\"69190\",\"name\":\"Acme\"}"));
    assertThat(engine.toErp(in.record()).record()).isEqualTo(json(erp));
  }

  @Test
  void takesAMissingOrNullParentObjectAsAMissingField() {
    MappingEngine engine =
        Mappings.engine(EntityType.COMPANY, field("city", "to_Address.CityName", FieldType.STRING));
    assertThat(engine.toTgm(json("{}")).record()).isEqualTo(json("{}"));
    assertThat(engine.toTgm(json("{\"to_Address\":null}")).record()).isEqualTo(json("{}"));
    assertThat(engine.toTgm(json("{\"to_Address\":{\"__deferred\":{}}}")).record())
        .isEqualTo(json("{}"));
  }

  @Test
  void prefersAPropertyWhoseNameHasADot() {
    MappingEngine engine =
        Mappings.engine(EntityType.COMPANY, field("city", "Address.City", FieldType.STRING));
    assertThat(engine.toTgm(json("{\"Address.City\":\"Austin\"}")).record())
        .isEqualTo(json("{\"city\":\"Austin\"}"));
  }

  @Test
  void reportsAPathThroughANonObject() {
    MappingResult result =
        Mappings.engine(EntityType.COMPANY, field("city", "to_Address.CityName", FieldType.STRING))
            .toTgm(json("{\"to_Address\":\"Walldorf\"}"));
    assertThat(result.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(result.problems().get(0).message())
        .isEqualTo(
            "COMPANY record, field city ← ERP to_Address.CityName: value \"Walldorf\" at"
                + " to_Address is not an object; expected an object at to_Address");
  }
}
