package com.tgm.erpsync.mapping.engine;

import static com.tgm.erpsync.mapping.engine.Mappings.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the three-way merge over generated records: every field of every type, each value
 * in several spellings of the same meaning, changed on neither side, one side or both.
 */
class MergePropertiesTest {

  /** One meaning of a field value and the ways a record may spell it. */
  private record Meaning(int id, List<JsonNode> spellings) {}

  private record Field(String name, List<Meaning> meanings) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field(
              "name",
              meanings(
                  text("Pump", "Pump"),
                  text("Valve"),
                  text("Motor"),
                  nullOr(TextNode.valueOf("")))),
          new Field("weight", meanings(decimal("7.4"), decimal("12.25"), decimal("0"), nullOr())),
          new Field(
              "count",
              meanings(
                  List.of(
                      IntNode.valueOf(3),
                      TextNode.valueOf("3"),
                      DecimalNode.valueOf(new BigDecimal("3.00"))),
                  List.of(IntNode.valueOf(4), TextNode.valueOf("+4")),
                  nullOr())),
          new Field(
              "active",
              meanings(
                  List.of(BooleanNode.TRUE, TextNode.valueOf("true")),
                  List.of(BooleanNode.FALSE, TextNode.valueOf("false")),
                  nullOr())),
          new Field(
              "installDate",
              meanings(text("2017-04-13", "2017-04-13T00:00:00"), text("2018-01-01"), nullOr())),
          new Field(
              "completedAt",
              meanings(
                  text(
                      "2017-04-13T15:51:04Z",
                      "2017-04-13T17:51:04+02:00",
                      "2017-04-13T15:51:04.000Z"),
                  text("2017-04-13T15:51:05Z"),
                  nullOr())),
          new Field("status", meanings(text("OPEN"), text("CLOSED"), text("ON_HOLD"), nullOr())),
          new Field(
              "specs",
              meanings(
                  List.of(
                      Mappings.value("{\"a\":1,\"b\":[1,2]}"),
                      Mappings.value("{\"b\":[1,2],\"a\":1.0}")),
                  List.of(Mappings.value("{\"a\":2}")),
                  nullOr())));

  private final MappingEngine engine =
      Mappings.engine(
          EntityType.WORK_ORDER,
          field("name", "Name", FieldType.STRING),
          field("weight", "Weight", FieldType.DECIMAL, "ODATA_V2"),
          field("count", "Count", FieldType.INTEGER),
          field("active", "Active", FieldType.BOOLEAN, "SAP"),
          field("installDate", "InstallDate", FieldType.DATE, "ODATA_V2"),
          field("completedAt", "CompletedAt", FieldType.DATETIME, "ODATA_V2"),
          field("status", "Status", FieldType.ENUM),
          field("specs", "Specs", FieldType.JSON));

  /** Base, TGM and ERP records and, per field, the meaning each side holds (absent = base's). */
  private record Scenario(
      ObjectNode base, ObjectNode tgm, ObjectNode erp, int[] baseIds, int[] tgmIds, int[] erpIds) {

    boolean tgmChanged(int i) {
      return tgmIds[i] != baseIds[i];
    }

    boolean erpChanged(int i) {
      return erpIds[i] != baseIds[i];
    }

    Scenario swapped() {
      return new Scenario(base, erp, tgm, baseIds, erpIds, tgmIds);
    }
  }

  private static Scenario scenario(Random random) {
    ObjectNode base = Values.NODES.objectNode();
    ObjectNode tgm = Values.NODES.objectNode();
    ObjectNode erp = Values.NODES.objectNode();
    int n = FIELDS.size();
    int[] baseIds = new int[n];
    int[] tgmIds = new int[n];
    int[] erpIds = new int[n];
    for (int i = 0; i < n; i++) {
      Field field = FIELDS.get(i);
      Meaning original = pick(random, field.meanings);
      baseIds[i] = original.id;
      base.set(field.name, spell(random, original));
      Meaning tgmMeaning = random.nextInt(3) == 0 ? other(random, field, original) : original;
      Meaning erpMeaning;
      int roll = random.nextInt(6);
      if (roll == 0 && tgmMeaning != original) {
        erpMeaning = tgmMeaning;
      } else if (roll <= 2) {
        erpMeaning = other(random, field, original);
      } else {
        erpMeaning = original;
      }
      tgmIds[i] = put(random, tgm, field, tgmMeaning, original);
      erpIds[i] = put(random, erp, field, erpMeaning, original);
    }
    return new Scenario(base, tgm, erp, baseIds, tgmIds, erpIds);
  }

  /** Writes the meaning (an unchanged one is sometimes left out), returns its id. */
  private static int put(
      Random random, ObjectNode record, Field field, Meaning meaning, Meaning base) {
    if (meaning != base || random.nextInt(4) != 0) {
      record.set(field.name, spell(random, meaning));
    }
    return meaning.id;
  }

  private static ConflictResolution anyStrategy(Random random) {
    return pick(random, List.of(ConflictResolution.values()));
  }

  @Test
  void mergeOfIdenticalSidesIsANoOp() {
    Cases.forAll(
        random -> {
          Scenario s = scenario(random);
          ObjectNode same = respelled(random, s.tgm);
          MergeResult unchanged =
              engine.merge(
                  s.base,
                  respelled(random, s.base),
                  respelled(random, s.base),
                  anyStrategy(random),
                  null,
                  null);
          assertThat(unchanged.isNoOp()).isTrue();
          assertThat(unchanged.conflicts()).isEmpty();
          assertThat(unchanged.changedOnBothSides()).isFalse();

          MergeResult agreed = engine.merge(s.base, s.tgm, same, anyStrategy(random), null, null);
          assertThat(agreed.isNoOp()).as("%s", agreed).isTrue();
          assertThat(agreed.conflicts()).isEmpty();
        });
  }

  @Test
  void mergeAndManualAreSymmetric() {
    Cases.forAll(
        random -> {
          Scenario s = scenario(random);
          for (ConflictResolution strategy :
              List.of(ConflictResolution.MERGE, ConflictResolution.MANUAL)) {
            MergeResult forward = engine.merge(s.base, s.tgm, s.erp, strategy, null, null);
            MergeResult backward = engine.merge(s.base, s.erp, s.tgm, strategy, null, null);
            assertThat(backward.conflicts()).isEqualTo(forward.conflicts());
            assertThat(backward.unresolved()).isEqualTo(forward.unresolved());
            assertThat(backward.changedOnBothSides()).isEqualTo(forward.changedOnBothSides());
            assertSameMeaning(backward.tgmUpdates(), forward.erpUpdates());
            assertSameMeaning(backward.erpUpdates(), forward.tgmUpdates());
            assertSameMeaning(backward.merged(), forward.merged());
          }
        });
  }

  @Test
  void mergeNeverLosesAFieldChangedOnOneSideOnly() {
    Cases.forAll(
        random -> {
          Scenario s = scenario(random);
          MergeResult result =
              engine.merge(s.base, s.tgm, s.erp, ConflictResolution.MERGE, null, null);
          for (int i = 0; i < FIELDS.size(); i++) {
            String name = FIELDS.get(i).name;
            if (s.tgmChanged(i) && !s.erpChanged(i)) {
              assertSameMeaning(name, result.merged(), s.tgm);
              assertSameMeaning(name, result.erpUpdates(), s.tgm);
            } else if (s.erpChanged(i) && !s.tgmChanged(i)) {
              assertSameMeaning(name, result.merged(), s.erp);
              assertSameMeaning(name, result.tgmUpdates(), s.erp);
            }
          }
        });
  }

  @Test
  void conflictsAreExactlyTheFieldsChangedOnBothSidesToDifferentValues() {
    Cases.forAll(
        random -> {
          Scenario s = scenario(random);
          ConflictResolution strategy = anyStrategy(random);
          MergeResult result = engine.merge(s.base, s.tgm, s.erp, strategy, null, null);
          List<String> expected = new ArrayList<>();
          for (int i = 0; i < FIELDS.size(); i++) {
            if (s.tgmChanged(i) && s.erpChanged(i) && s.tgmIds[i] != s.erpIds[i]) {
              expected.add(FIELDS.get(i).name);
            }
          }
          assertThat(result.conflicts()).isEqualTo(expected);
          switch (strategy) {
            case MERGE -> assertThat(result.unresolved()).isEqualTo(expected);
            case MANUAL -> assertThat(result.unresolved()).containsAll(expected);
            default -> assertThat(result.unresolved()).isEmpty();
          }
        });
  }

  @Test
  void tgmWinsKeepsEveryFieldChangedInTgm() {
    Cases.forAll(
        random -> {
          Scenario s = scenario(random);
          MergeResult result =
              engine.merge(s.base, s.tgm, s.erp, ConflictResolution.TGM_WINS, null, null);
          for (int i = 0; i < FIELDS.size(); i++) {
            if (s.tgmChanged(i)) {
              assertSameMeaning(FIELDS.get(i).name, result.merged(), s.tgm);
            }
          }
          assertThat(result.tgmUpdates().size() == 0 || !result.changedOnBothSides()).isTrue();
        });
  }

  @Test
  void erpWinsKeepsEveryFieldChangedInTheErp() {
    Cases.forAll(
        random -> {
          Scenario s = scenario(random);
          MergeResult result =
              engine.merge(s.base, s.tgm, s.erp, ConflictResolution.ERP_WINS, null, null);
          for (int i = 0; i < FIELDS.size(); i++) {
            if (s.erpChanged(i)) {
              assertSameMeaning(FIELDS.get(i).name, result.merged(), s.erp);
            }
          }
          assertThat(result.erpUpdates().size() == 0 || !result.changedOnBothSides()).isTrue();
        });
  }

  @Test
  void newestWinsActsAsTheWinningSidesStrategy() {
    Cases.forAll(
        random -> {
          Scenario s = scenario(random);
          Instant tgmAt = Instant.ofEpochSecond(random.nextInt(3));
          Instant erpAt = Instant.ofEpochSecond(random.nextInt(3));
          MergeResult newest =
              engine.merge(s.base, s.tgm, s.erp, ConflictResolution.NEWEST_WINS, tgmAt, erpAt);
          ConflictResolution same =
              tgmAt.isAfter(erpAt) ? ConflictResolution.TGM_WINS : ConflictResolution.ERP_WINS;
          MergeResult expected = engine.merge(s.base, s.tgm, s.erp, same, null, null);
          assertThat(newest).isEqualTo(expected);
        });
  }

  @Test
  void bothSidesAgreeOnEveryResolvedFieldAfterTheUpdates() {
    Cases.forAll(
        random -> {
          Scenario s = scenario(random);
          MergeResult result =
              engine.merge(s.base, s.tgm, s.erp, anyStrategy(random), Instant.EPOCH, Instant.EPOCH);
          ObjectNode tgmAfter = applied(s.base, s.tgm, result.tgmUpdates());
          ObjectNode erpAfter = applied(s.base, s.erp, result.erpUpdates());
          for (Field field : FIELDS) {
            if (!result.unresolved().contains(field.name)) {
              assertSameMeaning(field.name, tgmAfter, erpAfter);
              assertSameMeaning(field.name, tgmAfter, result.merged());
            }
          }
        });
  }

  @Test
  void theNextSyncAfterAMergeSeesNothingToDo() {
    Cases.forAll(
        random -> {
          Scenario s = scenario(random);
          ConflictResolution strategy = anyStrategy(random);
          MergeResult first = engine.merge(s.base, s.tgm, s.erp, strategy, null, null);
          ObjectNode tgmAfter = applied(s.base, s.tgm, first.tgmUpdates());
          ObjectNode erpAfter = applied(s.base, s.erp, first.erpUpdates());
          MergeResult second =
              engine.merge(first.merged(), tgmAfter, erpAfter, strategy, null, null);
          assertThat(second.tgmUpdates()).isEmpty();
          assertThat(second.erpUpdates()).isEmpty();
          assertThat(second.unresolved()).isEqualTo(first.unresolved());
          if (first.unresolved().isEmpty()) {
            assertThat(engine.hash(tgmAfter)).isEqualTo(engine.hash(first.merged()));
            assertThat(engine.hash(erpAfter)).isEqualTo(engine.hash(first.merged()));
          }
        });
  }

  // ---------------------------------------------------------------------------- helpers

  /** The side as it is after the updates: absent fields still hold the base value. */
  private static ObjectNode applied(ObjectNode base, ObjectNode side, ObjectNode updates) {
    ObjectNode after = base.deepCopy();
    after.setAll(side.deepCopy());
    after.setAll(updates.deepCopy());
    return after;
  }

  private void assertSameMeaning(ObjectNode actual, ObjectNode expected) {
    assertThat(actual.size())
        .as("fields of %s and %s", actual, expected)
        .isEqualTo(expected.size());
    assertThat(engine.hash(actual))
        .as("%s means %s", actual, expected)
        .isEqualTo(engine.hash(expected));
  }

  private void assertSameMeaning(String field, ObjectNode actual, ObjectNode expected) {
    assertThat(actual.has(field)).as("%s has %s", actual, field).isTrue();
    assertThat(engine.hash(only(actual, field)))
        .as("%s: %s means %s", field, actual.get(field), expected.get(field))
        .isEqualTo(engine.hash(only(expected, field)));
  }

  private static ObjectNode only(ObjectNode record, String field) {
    ObjectNode one = Values.NODES.objectNode();
    JsonNode value = record.get(field);
    if (value != null) {
      one.set(field, value);
    }
    return one;
  }

  private static ObjectNode respelled(Random random, ObjectNode record) {
    ObjectNode copy = Values.NODES.objectNode();
    for (Field field : FIELDS) {
      JsonNode value = record.get(field.name);
      if (value != null) {
        copy.set(field.name, spell(random, meaningOf(field, value)));
      }
    }
    return copy;
  }

  private static Meaning meaningOf(Field field, JsonNode value) {
    for (Meaning meaning : field.meanings) {
      if (meaning.spellings.contains(value)) {
        return meaning;
      }
    }
    throw new IllegalStateException("no meaning has " + value);
  }

  private static JsonNode spell(Random random, Meaning meaning) {
    return pick(random, meaning.spellings).deepCopy();
  }

  private static Meaning other(Random random, Field field, Meaning not) {
    Meaning meaning;
    do {
      meaning = pick(random, field.meanings);
    } while (meaning == not);
    return meaning;
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  @SafeVarargs
  private static List<Meaning> meanings(List<JsonNode>... spellings) {
    List<Meaning> meanings = new ArrayList<>();
    for (int i = 0; i < spellings.length; i++) {
      meanings.add(new Meaning(i, spellings[i]));
    }
    return meanings;
  }

  private static List<JsonNode> text(String... spellings) {
    return java.util.Arrays.stream(spellings).map(t -> (JsonNode) TextNode.valueOf(t)).toList();
  }

  private static List<JsonNode> decimal(String value) {
    BigDecimal decimal = new BigDecimal(value);
    return List.of(
        DecimalNode.valueOf(decimal),
        DecimalNode.valueOf(decimal.setScale(decimal.scale() + 2)),
        TextNode.valueOf(decimal.setScale(decimal.scale() + 1).toPlainString()));
  }

  private static List<JsonNode> nullOr(JsonNode... more) {
    List<JsonNode> spellings = new ArrayList<>();
    spellings.add(NullNode.getInstance());
    spellings.addAll(List.of(more));
    return spellings;
  }
}
