package com.tgm.erpsync.mapping.engine;

import static com.tgm.erpsync.mapping.engine.Mappings.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** TGM → ERP → TGM keeps every value of every type, in every format, over generated values. */
class ConversionPropertiesTest {
  private static final long MIN_DAY = LocalDate.of(1800, 1, 1).toEpochDay();
  private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  /** Maps the value through the ERP and back; asserts it means the same and hashes the same. */
  private static void comesBack(FieldType type, String format, JsonNode tgmValue) {
    MappingEngine engine = Mappings.engine(EntityType.UNIT, field("f", "F", type, format));
    ObjectNode tgm = Values.NODES.objectNode().set("f", tgmValue);
    MappingResult erp = engine.toErp(tgm);
    assertThat(erp.problems()).as("%s %s → ERP", type, tgmValue).isEmpty();
    MappingResult back = engine.toTgm(erp.record());
    assertThat(back.problems()).as("%s %s → %s → TGM", type, tgmValue, erp.record()).isEmpty();
    assertThat(engine.hash(back.record()))
        .as("%s in %s: %s → %s → %s", type, format, tgmValue, erp.record(), back.record())
        .isEqualTo(engine.hash(tgm));
  }

  @Test
  void keepsDecimalsWithTheirScale() {
    Cases.forAll(
        random -> {
          BigDecimal decimal =
              BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L, random.nextInt(7));
          for (String format : List.of("NUMBER", "STRING", "ODATA_V2")) {
            MappingEngine engine =
                Mappings.engine(EntityType.UNIT, field("f", "F", FieldType.DECIMAL, format));
            ObjectNode tgm = Values.NODES.objectNode().set("f", DecimalNode.valueOf(decimal));
            JsonNode back = engine.toTgm(engine.toErp(tgm).record()).record().get("f");
            assertThat(back.decimalValue()).as(format).isEqualTo(decimal);
          }
        });
  }

  @Test
  void keepsWholeNumbers() {
    Cases.forAll(
        random -> {
          long number = random.nextLong();
          comesBack(FieldType.INTEGER, null, LongNode.valueOf(number));
          comesBack(FieldType.INTEGER, "STRING", LongNode.valueOf(number));
        });
  }

  @Test
  void keepsBooleansInEveryFormat() {
    for (String format : List.of("BOOLEAN", "SAP", "NUMBER", "STRING", "YES_NO")) {
      comesBack(FieldType.BOOLEAN, format, BooleanNode.TRUE);
      comesBack(FieldType.BOOLEAN, format, BooleanNode.FALSE);
    }
  }

  @Test
  void keepsDatesInEveryFormat() {
    Cases.forAll(
        random -> {
          LocalDate date =
              LocalDate.ofEpochDay(MIN_DAY + (long) (random.nextDouble() * (MAX_DAY - MIN_DAY)));
          for (String format :
              List.of("ISO", "ODATA_V2", "dd/MM/yyyy", "M/d/yyyy", "yyyyMMdd", "dd.MM.yyyy")) {
            comesBack(FieldType.DATE, format, TextNode.valueOf(date.toString()));
          }
        });
  }

  @Test
  void keepsDateTimesAtTheFormatsPrecision() {
    List<String> formats =
        List.of(
            "ISO",
            "ISO@Europe/Berlin",
            "ODATA_V2",
            "ODATA_V2@Europe/Berlin",
            "EPOCH_MILLIS",
            "yyyy-MM-dd'T'HH:mm:ssxxx",
            "yyyy-MM-dd'T'HH:mm:ss.SSS@America/New_York",
            "M/d/yyyy h:mm:ss a@America/Los_Angeles");
    Cases.forAll(
        random -> {
          Instant instant =
              LocalDate.ofEpochDay(MIN_DAY + (long) (random.nextDouble() * (MAX_DAY - MIN_DAY)))
                  .atStartOfDay(ZoneId.of("UTC"))
                  .toInstant()
                  .plusNanos((long) (random.nextDouble() * 86_400_000_000_000L));
          for (String format : formats) {
            if (!inFallBackHour(instant, format)) {
              comesBack(FieldType.DATETIME, format, TextNode.valueOf(instant.toString()));
            }
          }
        });
  }

  @Test
  void readsEveryODataDateBackToTheSameLiteral() {
    MappingEngine engine =
        Mappings.engine(EntityType.UNIT, field("f", "F", FieldType.DATETIME, "ODATA_V2"));
    Cases.forAll(
        random -> {
          long millis = (long) ((random.nextDouble() - 0.5) * 2 * 253402214400000L);
          ObjectNode erp = Values.NODES.objectNode().put("F", "/Date(" + millis + ")/");
          assertThat(engine.toErp(engine.toTgm(erp).record()).record()).isEqualTo(erp);
        });
  }

  @Test
  void readsEveryStringDecimalBackToTheSameText() {
    MappingEngine engine =
        Mappings.engine(EntityType.UNIT, field("f", "F", FieldType.DECIMAL, "ODATA_V2"));
    Cases.forAll(
        random -> {
          String text = BigDecimal.valueOf(random.nextInt(), random.nextInt(5)).toPlainString();
          ObjectNode erp = Values.NODES.objectNode().put("F", text);
          assertThat(engine.toErp(engine.toTgm(erp).record()).record()).isEqualTo(erp);
        });
  }

  @Test
  void keepsAnyText() {
    Cases.forAll(
        random -> {
          String text = randomText(random);
          comesBack(FieldType.STRING, null, TextNode.valueOf(text));
        });
  }

  @Test
  void keepsGeneratedJson() {
    Cases.forAll(random -> comesBack(FieldType.JSON, null, randomJson(random, 3)));
    Cases.forAll(random -> comesBack(FieldType.JSON, "STRING", randomJson(random, 3)));
  }

  @Test
  void hashIgnoresHowEachValueIsSpelled() {
    MappingEngine engine =
        Mappings.engine(
            EntityType.UNIT,
            field("d", "D", FieldType.DECIMAL),
            field("i", "I", FieldType.INTEGER),
            field("t", "T", FieldType.DATETIME));
    Cases.forAll(
        random -> {
          BigDecimal decimal = BigDecimal.valueOf(random.nextInt(), random.nextInt(4));
          long whole = random.nextInt();
          Instant instant =
              Instant.ofEpochSecond(random.nextInt(), random.nextInt(1000) * 1_000_000L);
          ObjectNode plain = Values.NODES.objectNode();
          plain.set("d", DecimalNode.valueOf(decimal));
          plain.put("i", whole);
          plain.put("t", instant.toString());
          ObjectNode spelled = Values.NODES.objectNode();
          spelled.put("t", instant.atZone(ZoneId.of("Asia/Kolkata")).toOffsetDateTime().toString());
          spelled.put("i", Long.toString(whole));
          spelled.put("d", decimal.setScale(decimal.scale() + random.nextInt(3)).toPlainString());
          assertThat(engine.hash(spelled)).isEqualTo(engine.hash(plain));
        });
  }

  /** Local-time formats cannot tell apart the two instants of a fall-back hour. */
  private static boolean inFallBackHour(Instant instant, String format) {
    int at = format.lastIndexOf('@');
    if (at < 0) {
      return false;
    }
    ZoneId zone = ZoneId.of(format.substring(at + 1));
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    return zone.getRules().getValidOffsets(local).size() > 1
        || zone.getRules().getValidOffsets(local.truncatedTo(ChronoUnit.SECONDS)).size() > 1;
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(
          switch (random.nextInt(4)) {
            case 0 -> 'a' + random.nextInt(26);
            case 1 -> 0x20 + random.nextInt(0x5f);
            case 2 -> 0xc0 + random.nextInt(0x200);
            default -> 0x1f300 + random.nextInt(0x100);
          });
    }
    return text.toString();
  }

  private static JsonNode randomJson(Random random, int depth) {
    Function<Random, JsonNode> leaf =
        r ->
            switch (r.nextInt(4)) {
              case 0 -> TextNode.valueOf(randomText(r));
              case 1 -> DecimalNode.valueOf(BigDecimal.valueOf(r.nextInt(), r.nextInt(3)));
              case 2 -> BooleanNode.valueOf(r.nextBoolean());
              default -> Values.NODES.nullNode();
            };
    if (depth == 0) {
      return leaf.apply(random);
    }
    if (random.nextBoolean()) {
      ObjectNode object = Values.NODES.objectNode();
      int size = random.nextInt(4);
      for (int i = 0; i < size; i++) {
        object.set("k" + random.nextInt(10), randomJson(random, depth - 1));
      }
      return object;
    }
    var array = Values.NODES.arrayNode();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      array.add(random.nextBoolean() ? leaf.apply(random) : randomJson(random, depth - 1));
    }
    return array;
  }
}
