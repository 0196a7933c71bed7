package com.tgm.erpsync.orchestrator.tgm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keyset paging in modification order, as full and incremental outbound syncs read TGM. */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
class TgmPagingTest {
  private static final int PAGE = 1000;

  @Inject TgmStore store;
  @Inject AgroalDataSource dataSource;

  @Test
  void pagesThroughEveryRowExactlyOnceInModificationOrder() throws SQLException {
    Instant start = databaseNow();
    List<Long> inserted = insertCompanies(2_500, "full");

    List<TgmRow> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    TgmRow last = null;
    while (true) {
      List<TgmRow> page =
          store.page(
              EntityType.COMPANY,
              start,
              last == null ? null : last.updatedAt(),
              last == null ? null : last.id(),
              PAGE);
      pageSizes.add(page.size());
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
      last = page.get(page.size() - 1);
    }

    assertThat(pageSizes).containsExactly(1000, 1000, 500, 0);
    assertThat(seen.stream().map(TgmRow::id).toList())
        .containsExactlyInAnyOrderElementsOf(inserted);
    assertInKeysetOrder(seen);
    assertThat(store.count(EntityType.COMPANY, start)).isEqualTo(2_500);
  }

  @Test
  void aRowUpdatedWhilePagingIsReadAgainLaterAndNoneIsLost() throws SQLException {
    Random random = new Random(4711L);
    Instant start = databaseNow();
    List<Long> inserted = insertInventory(2_500);

    List<TgmRow> seen = new ArrayList<>(store.page(EntityType.INVENTORY, start, null, null, PAGE));
    List<Long> firstPage = seen.stream().map(TgmRow::id).toList();
    Set<Long> notYetSeen = new HashSet<>(inserted);
    firstPage.forEach(notYetSeen::remove);
    List<Long> updatedSeen = pick(random, firstPage, 100);
    List<Long> updatedUnseen = pick(random, List.copyOf(notYetSeen), 100);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (long id : updatedSeen) {
                store.update(EntityType.INVENTORY, id, object().put("name", "recounted"));
              }
              for (long id : updatedUnseen) {
                store.update(EntityType.INVENTORY, id, object().put("name", "recounted"));
              }
            });
    TgmRow last = seen.get(seen.size() - 1);
    while (true) {
      List<TgmRow> page =
          store.page(EntityType.INVENTORY, start, last.updatedAt(), last.id(), PAGE);
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
      last = page.get(page.size() - 1);
    }

    Map<Long, Integer> times = new HashMap<>();
    seen.forEach(row -> times.merge(row.id(), 1, Integer::sum));
    assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(inserted);
    for (long id : inserted) {
      assertThat(times.get(id))
          .as("times row %d was read", id)
          .isEqualTo(updatedSeen.contains(id) ? 2 : 1);
    }
    assertInKeysetOrder(seen);
    for (TgmRow row : seen.subList(seen.size() - 200, seen.size())) {
      assertThat(row.values().get("name").textValue())
          .as("the rows updated while paging come last, with their new values")
          .isEqualTo("recounted");
    }
  }

  @Test
  void changedSinceIncludesRecordsModifiedExactlyAtTheBoundary() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(store.insert(EntityType.LOCATION, object().put("name", "Site " + i)));
    }
    Instant boundary = store.find(EntityType.LOCATION, ids.get(1)).orElseThrow().updatedAt();

    List<TgmRow> changed = store.page(EntityType.LOCATION, boundary, null, null, 10);

    assertThat(changed.stream().map(TgmRow::id).toList()).containsExactly(ids.get(1), ids.get(2));
    assertThat(store.count(EntityType.LOCATION, boundary)).isEqualTo(2);
    assertThat(store.count(EntityType.LOCATION, null)).isEqualTo(3);
    assertThat(store.page(EntityType.LOCATION, null, null, null, 10)).hasSize(3);
  }

  @Test
  void rowsSharingOneTimestampArePagedByTheirId() throws SQLException {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ids.add(store.insert(EntityType.FAILURE, object().put("number", "FL-TIE-" + i)));
    }
    Instant tie = Instant.parse("2025-03-01T12:00:00.123456Z");
    // only with the trigger off can two rows share an updated_at exactly
    execute(
        "ALTER TABLE tgm.failure DISABLE TRIGGER failure_touch;"
            + " UPDATE tgm.failure SET updated_at = '"
            + tie
            + "';"
            + " ALTER TABLE tgm.failure ENABLE TRIGGER failure_touch");

    List<Long> seen = new ArrayList<>();
    List<TgmRow> page = store.page(EntityType.FAILURE, tie, null, null, 10);
    while (!page.isEmpty()) {
      page.forEach(row -> seen.add(row.id()));
      assertThat(page).allMatch(row -> row.updatedAt().equals(tie));
      TgmRow last = page.get(page.size() - 1);
      page = store.page(EntityType.FAILURE, tie, last.updatedAt(), last.id(), 10);
    }

    assertThat(seen).isSorted().containsExactlyInAnyOrderElementsOf(ids);
    assertThat(store.count(EntityType.FAILURE, tie)).isEqualTo(25);
    assertThat(store.count(EntityType.FAILURE, tie.plusNanos(1000))).isZero();
  }

  @Test
  void refusesAHalfKeysetAndAnEmptyPage() {
    assertThatThrownBy(() -> store.page(EntityType.UNIT, null, Instant.now(), null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both or none");
    assertThatThrownBy(() -> store.page(EntityType.UNIT, null, null, 5L, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.page(EntityType.UNIT, null, null, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertInKeysetOrder(List<TgmRow> rows) {
    for (int i = 1; i < rows.size(); i++) {
      TgmRow before = rows.get(i - 1);
      TgmRow after = rows.get(i);
      int time = before.updatedAt().compareTo(after.updatedAt());
      assertThat(time < 0 || time == 0 && before.id() < after.id())
          .as(
              "(%s, %d) before (%s, %d)",
              before.updatedAt(), before.id(), after.updatedAt(), after.id())
          .isTrue();
    }
  }

  private List<Long> insertCompanies(int count, String tag) {
    List<Long> ids = new ArrayList<>();
    for (int batch = 0; batch < count; batch += 500) {
      int from = batch;
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                for (int i = from; i < Math.min(from + 500, count); i++) {
                  ids.add(store.insert(EntityType.COMPANY, object().put("name", tag + " " + i)));
                }
              });
    }
    return ids;
  }

  private List<Long> insertInventory(int count) {
    List<Long> ids = new ArrayList<>();
    for (int batch = 0; batch < count; batch += 500) {
      int from = batch;
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                for (int i = from; i < Math.min(from + 500, count); i++) {
                  ids.add(
                      store.insert(
                          EntityType.INVENTORY,
                          object().put("sku", "SKU-" + i).put("quantityOnHand", i)));
                }
              });
    }
    return ids;
  }

  private static List<Long> pick(Random random, List<Long> from, int count) {
    List<Long> shuffled = new ArrayList<>(from);
    Collections.shuffle(shuffled, random);
    return List.copyOf(shuffled.subList(0, count));
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  private Instant databaseNow() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT clock_timestamp()");
        ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    }
  }
}
