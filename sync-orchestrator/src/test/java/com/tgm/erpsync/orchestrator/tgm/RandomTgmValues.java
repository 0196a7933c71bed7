package com.tgm.erpsync.orchestrator.tgm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.TgmField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random values of TGM fields in mapping-engine's form that fit their columns, for property-style
 * tests with a seeded {@link Random}. Texts mix ASCII, quotes, umlauts, CJK and emoji and end in a
 * sequence number, so values of unique columns never collide.
 */
final class RandomTgmValues {
  private static final String CHARS = "abcXYZ019 -_'\"\\;%äöüßéñ€漢字";
  private static final String[] EMOJI = {"🔧", "⚙️", "🏭"};
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Random random;
  private final TgmSchemaInfo schema;
  private int sequence;

  RandomTgmValues(Random random, TgmSchemaInfo schema) {
    this.random = random;
    this.schema = schema;
  }

  /**
   * A value for the field: for an optional field sometimes JSON null; a REFERENCE one of {@code
   * ids} of the referenced entity (null when there is none).
   */
  JsonNode value(EntityType entity, TgmField field, Map<EntityType, List<Long>> ids) {
    if (!field.required() && random.nextInt(6) == 0) {
      return NullNode.getInstance();
    }
    TgmSchemaInfo.Column column =
        schema.column(TgmTables.table(entity), TgmTables.column(field.name()));
    return switch (field.fieldType()) {
      case STRING -> TextNode.valueOf(text(column.maxLength() == null ? 200 : column.maxLength()));
      case ENUM ->
          TextNode.valueOf(field.enumValues().get(random.nextInt(field.enumValues().size())));
      case INTEGER -> IntNode.valueOf(random.nextInt(1_000_000));
      case REFERENCE -> {
        List<Long> targets = ids.getOrDefault(field.references(), List.of());
        yield targets.isEmpty()
            ? NullNode.getInstance()
            : LongNode.valueOf(targets.get(random.nextInt(targets.size())));
      }
      // non-negative and below 90: fits every decimal column and its checks (coordinates too)
      case DECIMAL -> {
        int scale = random.nextInt(Math.min(column.scale(), 4) + 1);
        yield DecimalNode.valueOf(
            BigDecimal.valueOf(random.nextLong(90 * (long) Math.pow(10, scale)), scale));
      }
      case BOOLEAN -> BooleanNode.valueOf(random.nextBoolean());
      case DATE -> TextNode.valueOf(LocalDate.ofEpochDay(7000 + random.nextInt(18000)).toString());
      case DATETIME -> TextNode.valueOf(dateTime());
      case JSON -> json(2);
    };
  }

  /** ISO text of a random instant with microseconds, sometimes written with an offset. */
  private String dateTime() {
    Instant instant =
        Instant.ofEpochSecond(
            600_000_000L + random.nextInt(1_500_000_000), random.nextInt(1_000_000) * 1000L);
    if (random.nextBoolean()) {
      return instant.toString();
    }
    ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(49) - 24) * 30 * 60);
    return instant.atOffset(offset).toString();
  }

  private String text(int max) {
    String suffix = "#" + Integer.toString(++sequence, 36);
    int room = Math.min(max - suffix.length(), 30);
    StringBuilder text = new StringBuilder();
    int length = room <= 0 ? 0 : random.nextInt(room + 1);
    while (text.codePointCount(0, text.length()) < length) {
      if (random.nextInt(10) == 0 && length - text.codePointCount(0, text.length()) >= 2) {
        text.append(EMOJI[random.nextInt(EMOJI.length)]);
      } else {
        text.append(CHARS.charAt(random.nextInt(CHARS.length())));
      }
    }
    // an emoji with a variation selector counts two code points: never exceed the column
    while (text.codePointCount(0, text.length()) > length) {
      text.setLength(text.offsetByCodePoints(0, text.codePointCount(0, text.length()) - 1));
    }
    return text + suffix;
  }

  private JsonNode json(int depth) {
    ObjectNode object = NODES.objectNode();
    int size = 1 + random.nextInt(4);
    for (int i = 0; i < size; i++) {
      String key = "k" + random.nextInt(100);
      switch (depth <= 0 ? random.nextInt(4) : random.nextInt(6)) {
        case 0 -> object.put(key, text(20));
        case 1 -> object.put(key, new BigDecimal(random.nextInt(100_000) + ".400"));
        case 2 -> object.put(key, random.nextBoolean());
        case 3 -> object.putNull(key);
        case 4 -> object.set(key, json(depth - 1));
        default -> {
          ArrayNode array = object.putArray(key);
          array.add(random.nextInt(1000)).add(text(10)).add(json(depth - 1));
        }
      }
    }
    return object;
  }
}
