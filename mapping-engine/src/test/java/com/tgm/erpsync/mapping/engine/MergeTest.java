package com.tgm.erpsync.mapping.engine;

import static com.tgm.erpsync.mapping.engine.Mappings.directed;
import static com.tgm.erpsync.mapping.engine.Mappings.field;
import static com.tgm.erpsync.mapping.engine.Mappings.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The three-way merge, one example per rule. */
class MergeTest {
  private static final Instant EARLIER = Instant.parse("2024-01-15T10:00:00Z");
  private static final Instant LATER = Instant.parse("2024-01-15T11:00:00Z");

  private final MappingEngine engine =
      Mappings.engine(
          EntityType.UNIT,
          field("name", "EquipmentName", FieldType.STRING),
          field("weight", "GrossWeight", FieldType.DECIMAL, "ODATA_V2"),
          field("status", "Status", FieldType.ENUM),
          field("installDate", "StartupDate", FieldType.DATE, "ODATA_V2"));

  private static final ObjectNode BASE =
      json(
          "{\"name\":\"Pump\",\"weight\":7.4,\"status\":\"ACTIVE\",\"installDate\":\"2017-04-13\"}");

  private MergeResult merge(String tgm, String erp, ConflictResolution strategy) {
    return engine.merge(BASE, json(tgm), json(erp), strategy, EARLIER, LATER);
  }

  @Test
  void takesEachFieldFromTheSideThatChangedIt() {
    MergeResult result =
        merge(
            "{\"name\":\"Pump P-101\",\"weight\":\"7.40\",\"status\":\"ACTIVE\"}",
            "{\"name\":\"Pump\",\"weight\":7.4,\"status\":\"IN_REPAIR\"}",
            ConflictResolution.MERGE);

    assertThat(result.erpUpdates()).isEqualTo(json("{\"name\":\"Pump P-101\"}"));
    assertThat(result.tgmUpdates()).isEqualTo(json("{\"status\":\"IN_REPAIR\"}"));
    assertThat(result.conflicts()).isEmpty();
    assertThat(result.unresolved()).isEmpty();
    assertThat(result.changedOnBothSides()).isTrue();
    assertThat(result.winner()).isNull();
    assertThat(engine.hash(result.merged()))
        .isEqualTo(
            engine.hash(
                json(
                    "{\"name\":\"Pump P-101\",\"weight\":7.4,\"status\":\"IN_REPAIR\","
                        + "\"installDate\":\"2017-04-13\"}")));
  }

  @Test
  void leavesFieldsChangedOnBothSidesToDifferentValuesUnresolved() {
    MergeResult result =
        merge(
            "{\"name\":\"Pump A\",\"weight\":8}",
            "{\"name\":\"Pump B\",\"status\":\"INACTIVE\"}",
            ConflictResolution.MERGE);

    assertThat(result.conflicts()).containsExactly("name");
    assertThat(result.unresolved()).containsExactly("name");
    assertThat(result.needsManualResolution()).isTrue();
    assertThat(result.tgmUpdates()).isEqualTo(json("{\"status\":\"INACTIVE\"}"));
    assertThat(Json.sameJson(result.erpUpdates(), json("{\"weight\":8}"))).isTrue();
    assertThat(result.merged().get("name").textValue()).isEqualTo("Pump");
  }

  @Test
  void seesNoConflictInTheSameChangeOnBothSides() {
    MergeResult result =
        merge("{\"name\":\"Pump P-101\"}", "{\"name\":\"Pump P-101\"}", ConflictResolution.MERGE);

    assertThat(result.conflicts()).isEmpty();
    assertThat(result.isNoOp()).isTrue();
    assertThat(result.merged().get("name").textValue()).isEqualTo("Pump P-101");
  }

  @Test
  void countsAChangeBothSidesMadeAlikeForNeitherSide() {
    MergeResult result =
        merge(
            "{\"name\":\"Pump P-101\"}",
            "{\"name\":\"Pump P-101\",\"status\":\"INACTIVE\"}",
            ConflictResolution.TGM_WINS);

    assertThat(result.changedOnBothSides()).isFalse();
    assertThat(result.winner()).isNull();
    assertThat(result.tgmUpdates()).isEqualTo(json("{\"status\":\"INACTIVE\"}"));
  }

  @Test
  void writesTgmOverEverythingUnderTgmWins() {
    MergeResult result =
        merge(
            "{\"name\":\"Pump A\",\"status\":\"ACTIVE\"}",
            "{\"name\":\"Pump B\",\"status\":\"INACTIVE\"}",
            ConflictResolution.TGM_WINS);

    assertThat(result.winner()).isEqualTo(MergeResult.Side.TGM);
    assertThat(result.conflicts()).containsExactly("name");
    assertThat(result.unresolved()).isEmpty();
    assertThat(result.erpUpdates()).isEqualTo(json("{\"name\":\"Pump A\",\"status\":\"ACTIVE\"}"));
    assertThat(result.tgmUpdates()).isEmpty();
  }

  @Test
  void writesErpOverEverythingUnderErpWins() {
    MergeResult result =
        merge(
            "{\"name\":\"Pump A\",\"weight\":9}",
            "{\"name\":\"Pump B\"}",
            ConflictResolution.ERP_WINS);

    assertThat(result.winner()).isEqualTo(MergeResult.Side.ERP);
    assertThat(result.tgmUpdates().get("name").textValue()).isEqualTo("Pump B");
    assertThat(result.tgmUpdates().get("weight").decimalValue()).isEqualByComparingTo("7.4");
    assertThat(result.erpUpdates()).isEmpty();
  }

  @Test
  void letsTheRecordChangedLastWinUnderNewestWins() {
    String tgm = "{\"name\":\"Pump A\"}";
    String erp = "{\"name\":\"Pump B\"}";
    assertThat(
            engine
                .merge(BASE, json(tgm), json(erp), ConflictResolution.NEWEST_WINS, LATER, EARLIER)
                .winner())
        .isEqualTo(MergeResult.Side.TGM);
    assertThat(
            engine
                .merge(BASE, json(tgm), json(erp), ConflictResolution.NEWEST_WINS, EARLIER, LATER)
                .winner())
        .isEqualTo(MergeResult.Side.ERP);
  }

  @Test
  void givesATieUnderNewestWinsToTheErp() {
    String tgm = "{\"name\":\"Pump A\"}";
    String erp = "{\"name\":\"Pump B\"}";
    MergeResult tie =
        engine.merge(BASE, json(tgm), json(erp), ConflictResolution.NEWEST_WINS, LATER, LATER);
    assertThat(tie.winner()).isEqualTo(MergeResult.Side.ERP);
    assertThat(tie.tgmUpdates().get("name").textValue()).isEqualTo("Pump B");
    assertThat(
            engine
                .merge(BASE, json(tgm), json(erp), ConflictResolution.NEWEST_WINS, null, null)
                .winner())
        .isEqualTo(MergeResult.Side.ERP);
    assertThat(
            engine
                .merge(BASE, json(tgm), json(erp), ConflictResolution.NEWEST_WINS, LATER, null)
                .winner())
        .isEqualTo(MergeResult.Side.TGM);
  }

  @Test
  void writesNothingDisputedUnderManual() {
    MergeResult result =
        merge(
            "{\"name\":\"Pump A\",\"weight\":9}",
            "{\"name\":\"Pump B\",\"status\":\"INACTIVE\"}",
            ConflictResolution.MANUAL);

    assertThat(result.conflicts()).containsExactly("name");
    assertThat(result.unresolved()).containsExactly("name", "weight", "status");
    assertThat(result.tgmUpdates()).isEmpty();
    assertThat(result.erpUpdates()).isEmpty();
    assertThat(engine.hash(result.merged())).isEqualTo(engine.hash(BASE));
  }

  @Test
  void appliesOneSidedChangesUnderManual() {
    MergeResult result = merge("{\"name\":\"Pump A\"}", "{}", ConflictResolution.MANUAL);

    assertThat(result.unresolved()).isEmpty();
    assertThat(result.erpUpdates()).isEqualTo(json("{\"name\":\"Pump A\"}"));
  }

  @Test
  void appliesOneSidedChangesWhateverTheStrategy() {
    for (ConflictResolution strategy : ConflictResolution.values()) {
      MergeResult result = merge("{}", "{\"status\":\"INACTIVE\"}", strategy);
      assertThat(result.tgmUpdates())
          .as(strategy.name())
          .isEqualTo(json("{\"status\":\"INACTIVE\"}"));
      assertThat(result.winner()).as(strategy.name()).isNull();
    }
  }

  @Test
  void countsAnAbsentValueAsUnchangedAndANullAsCleared() {
    MergeResult absent = merge("{}", "{}", ConflictResolution.MERGE);
    assertThat(absent.isNoOp()).isTrue();

    MergeResult cleared = merge("{\"installDate\":null}", "{}", ConflictResolution.MERGE);
    assertThat(cleared.erpUpdates().get("installDate").isNull()).isTrue();
  }

  @Test
  void mergesAFirstSyncWithoutBase() {
    MergeResult result =
        engine.merge(
            null,
            json("{\"name\":\"Pump\",\"weight\":7.4}"),
            json("{\"name\":\"Pump\",\"weight\":\"7.400\",\"status\":\"ACTIVE\"}"),
            ConflictResolution.MERGE,
            null,
            null);

    assertThat(result.conflicts()).isEmpty();
    assertThat(result.tgmUpdates()).isEqualTo(json("{\"status\":\"ACTIVE\"}"));
    assertThat(result.erpUpdates()).isEmpty();
  }

  @Test
  void neverSeesAConflictInAFieldThatFlowsOneWay() {
    MappingEngine mixed =
        Mappings.engine(
            EntityType.UNIT,
            directed("serialNumber", "SerialNumber", FieldType.STRING, SyncDirection.INBOUND),
            directed("notes", "Notes", FieldType.STRING, SyncDirection.OUTBOUND),
            field("name", "Name", FieldType.STRING));
    ObjectNode base = json("{\"serialNumber\":\"SN-1\",\"notes\":\"n1\",\"name\":\"Pump\"}");

    MergeResult result =
        mixed.merge(
            base,
            json("{\"serialNumber\":\"SN-tgm\",\"notes\":\"n2\",\"name\":\"Pump\"}"),
            json("{\"serialNumber\":\"SN-2\",\"notes\":\"n3\",\"name\":\"Pump\"}"),
            ConflictResolution.MANUAL,
            null,
            null);

    assertThat(result.conflicts()).isEmpty();
    assertThat(result.unresolved()).isEmpty();
    assertThat(result.changedOnBothSides()).isFalse();
    assertThat(result.tgmUpdates()).isEqualTo(json("{\"serialNumber\":\"SN-2\"}"));
    assertThat(result.erpUpdates()).isEqualTo(json("{\"notes\":\"n2\"}"));
  }

  @Test
  void usesTheMappingsStrategyWhenNoneIsGiven() {
    MappingEngine erpWins =
        MappingEngine.compile(
            Mappings.mapping(
                EntityType.UNIT,
                SyncDirection.BIDIRECTIONAL,
                ConflictResolution.ERP_WINS,
                field("name", "Name", FieldType.STRING),
                field("model", "Model", FieldType.STRING)),
            ReferenceResolver.none());
    MergeResult result =
        erpWins.merge(
            json("{\"name\":\"a\",\"model\":\"m\"}"),
            json("{\"name\":\"b\"}"),
            json("{\"model\":\"n\"}"),
            null,
            null,
            null);
    assertThat(result.winner()).isEqualTo(MergeResult.Side.ERP);
  }

  @Test
  void givesErpUpdatesThatMapToAPatch() {
    MergeResult result =
        merge(
            "{\"weight\":\"7.50\",\"installDate\":\"2018-01-01\"}", "{}", ConflictResolution.MERGE);

    assertThat(engine.toErpPatch(result.erpUpdates()).record())
        .isEqualTo(json("{\"GrossWeight\":\"7.50\",\"StartupDate\":\"/Date(1514764800000)/\"}"));
  }
}
