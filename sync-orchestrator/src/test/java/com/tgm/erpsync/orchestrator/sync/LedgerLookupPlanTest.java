package com.tgm.erpsync.orchestrator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A page's ledger lookups stay index lookups per key whatever plan PostgreSQL caches: a pooled
 * connection runs the same statement thousands of times, and after five executions PostgreSQL may
 * switch to a generic plan chosen without the keys and with the statistics of a table still filling
 * up. Such a plan that walks every ledger row of the connection made each page of a large inbound
 * sync slower than the one before (bench/sync-orchestrator).
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class LedgerLookupPlanTest {
  private static final long CONNECTION = 7_300_001L;
  private static final int LINKS = 5_000;

  @Inject AgroalDataSource dataSource;
  @Inject LedgerRepository ledger;

  @Test
  void aGenericPlanLooksEachKeyUpInTheUniqueIndexes() throws SQLException {
    // filled in one go, as a first full sync does, before autovacuum analysed the table
    List<LedgerRepository.Link> links = new ArrayList<>();
    for (int i = 0; i < LINKS; i++) {
      links.add(
          new LedgerRepository.Link(
              100_000L + i,
              "{\"Equipment\":\"PLAN-" + i + "\"}",
              null,
              null,
              null,
              JsonNodeFactory.instance.objectNode().put("name", "Pump " + i),
              "hash-" + i,
              SyncTask.INBOUND,
              1L));
    }
    ledger.linkAll(CONNECTION, EntityType.UNIT, links);

    assertThat(genericPlan(LedgerRepository.BY_ERP_KEYS, "varchar[]", "ARRAY['a', 'b']"))
        .contains("sync_ledger_erp_key")
        .doesNotContain("sync_ledger_erp_ref")
        .doesNotContain("Seq Scan on sync_ledger");
    assertThat(genericPlan(LedgerRepository.BY_TGM_IDS, "bigint[]", "ARRAY[100001, 100002]"))
        .contains("sync_ledger_pkey")
        .doesNotContain("sync_ledger_erp_ref")
        .doesNotContain("Seq Scan on sync_ledger");

    // and the lookups answer what was linked
    assertThat(
            ledger
                .byErpKeys(
                    CONNECTION,
                    EntityType.UNIT,
                    List.of("{\"Equipment\":\"PLAN-7\"}", "{\"Equipment\":\"missing\"}"))
                .keySet())
        .containsExactly("{\"Equipment\":\"PLAN-7\"}");
    assertThat(ledger.byTgmIds(CONNECTION, EntityType.UNIT, List.of(100_007L, 1L)).keySet())
        .containsExactly(100_007L);
  }

  /** The plan PostgreSQL uses once it caches one plan for every execution of the statement. */
  private String genericPlan(String sql, String arrayType, String keys) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET plan_cache_mode = force_generic_plan");
      String name = "plan_" + Math.abs(sql.hashCode());
      statement.execute(
          "PREPARE "
              + name
              + " ("
              + arrayType
              + ", bigint, varchar) AS "
              + sql.replaceFirst("\\?", "\\$1")
                  .replaceFirst("\\?", "\\$2")
                  .replaceFirst("\\?", "\\$3"));
      StringBuilder plan = new StringBuilder();
      try (ResultSet row =
          statement.executeQuery(
              "EXPLAIN EXECUTE " + name + " (" + keys + ", " + CONNECTION + ", 'UNIT')")) {
        while (row.next()) {
          plan.append(row.getString(1)).append('\n');
        }
      } finally {
        statement.execute("DEALLOCATE " + name);
        statement.execute("RESET plan_cache_mode");
      }
      return plan.toString();
    }
  }
}
