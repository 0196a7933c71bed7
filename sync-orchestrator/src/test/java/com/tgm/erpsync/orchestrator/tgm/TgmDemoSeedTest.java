package com.tgm.erpsync.orchestrator.tgm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.TgmField;
import com.tgm.erpsync.contracts.TgmFieldCatalogue;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@QuarkusTest
@TestProfile(TgmDemoSeedTest.SeedDemo.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TgmDemoSeedTest {

  public static class SeedDemo implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("orchestrator.tgm.seed-demo", "true");
    }
  }

  @Inject TgmStore store;
  @Inject TgmDemoSeed seed;
  @Inject AgroalDataSource dataSource;

  @Test
  @Order(1)
  void loadsTheDemoDataAtStartupWithConsistentReferences() throws Exception {
    Map<EntityType, Integer> expected = recordsInFile();
    assertThat(expected.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(100);
    assertThat(expected.get(EntityType.UNIT)).isBetween(15, 30);
    assertThat(expected.keySet()).containsExactlyInAnyOrder(EntityType.values());

    assertThat(counts()).isEqualTo(expected);
    for (EntityType entity : EntityType.values()) {
      for (TgmRow row : store.page(entity, null, null, null, 1000)) {
        for (TgmField field : TgmFieldCatalogue.fieldsOf(entity)) {
          JsonNode value = row.values().get(field.name());
          if (field.fieldType() == FieldType.REFERENCE && !value.isNull()) {
            assertThat(store.find(field.references(), value.asLong()))
                .as("%s %d %s", entity, row.id(), field.name())
                .isPresent();
          }
        }
      }
    }
    TgmRow unit = store.page(EntityType.UNIT, null, null, null, 1).get(0);
    assertThat(unit.values().get("name").textValue()).isEqualTo("Forklift FL-01");
    assertThat(unit.values().get("specifications").get("capacityKg").asInt()).isEqualTo(2500);
  }

  @Test
  @Order(2)
  void aRestartFindsTheDataAndLoadsNothing() {
    Map<EntityType, Integer> before = counts();

    assertThat(seed.seedIfEmpty()).isEmpty();
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void twoReplicasStartingTogetherLoadItOnce() throws Exception {
    emptyTgm();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Map<EntityType, Integer>>> replicas = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        replicas.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return seed.seedIfEmpty();
                },
                pool));
      }
      go.countDown();
      List<Map<EntityType, Integer>> results = new ArrayList<>();
      for (CompletableFuture<Map<EntityType, Integer>> replica : replicas) {
        results.add(replica.get(60, TimeUnit.SECONDS));
      }

      assertThat(results).filteredOn(Map::isEmpty).hasSize(1);
      assertThat(results).filteredOn(r -> !r.isEmpty()).containsExactly(recordsInFile());
      assertThat(counts()).isEqualTo(recordsInFile());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(4)
  void loadsNothingIntoATgmThatHoldsRecordsAlready() throws Exception {
    emptyTgm();
    store.insert(EntityType.USER, JsonNodeFactory.instance.objectNode().put("username", "own"));

    assertThat(seed.seedIfEmpty()).isEmpty();
    Map<EntityType, Integer> expected = new EnumMap<>(EntityType.class);
    for (EntityType entity : EntityType.values()) {
      expected.put(entity, entity == EntityType.USER ? 1 : 0);
    }
    assertThat(counts()).isEqualTo(expected);
  }

  private Map<EntityType, Integer> counts() {
    Map<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
    for (EntityType entity : EntityType.values()) {
      counts.put(entity, (int) store.count(entity, null));
    }
    return counts;
  }

  private static Map<EntityType, Integer> recordsInFile() throws Exception {
    Map<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
    try (InputStream in =
        TgmDemoSeedTest.class.getClassLoader().getResourceAsStream(TgmDemoSeed.RESOURCE)) {
      Iterator<Map.Entry<String, JsonNode>> sections = TgmValues.JSON.readTree(in).fields();
      while (sections.hasNext()) {
        Map.Entry<String, JsonNode> section = sections.next();
        counts.put(EntityType.valueOf(section.getKey()), section.getValue().size());
      }
    }
    return counts;
  }

  /** Deletes every TGM row, referrers first (the foreign keys restrict deletes). */
  private void emptyTgm() throws Exception {
    List<EntityType> referrersFirst =
        new ArrayList<>(
            Arrays.asList(
                EntityType.COMPANY,
                EntityType.LOCATION,
                EntityType.USER,
                EntityType.UNIT,
                EntityType.COMPONENT,
                EntityType.WORK_ORDER,
                EntityType.INSPECTION,
                EntityType.FAILURE,
                EntityType.INVENTORY,
                EntityType.INVOICE));
    Collections.reverse(referrersFirst);
    try (Connection connection = dataSource.getConnection()) {
      for (EntityType entity : referrersFirst) {
        try (PreparedStatement delete =
            connection.prepareStatement("DELETE FROM " + TgmTables.qualifiedTable(entity))) {
          delete.execute();
        }
      }
    }
  }
}
