package com.tgm.erpsync.connection.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditDiffTest {
  private static final Set<String> SECRETS = Set.of("clientSecret", "password", "tokenSecret");

  @Test
  void masksAChangedSecretAndNeverShowsItsValue() {
    Map<String, AuditChange> changes =
        AuditTrail.diff(
            Map.of("clientSecret", "old-s3cr3t"), Map.of("clientSecret", "new-s3cr3t"), SECRETS);

    assertThat(changes)
        .containsExactly(Map.entry("clientSecret", new AuditChange("********", "********")));
    assertThat(changes.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void omitsUnchangedFieldsAndUnchangedSecrets() {
    Map<String, Object> before = Map.of("name", "SAP", "clientSecret", "same", "enabled", true);
    Map<String, Object> after = Map.of("name", "SAP", "clientSecret", "same", "enabled", false);

    assertThat(AuditTrail.diff(before, after, SECRETS))
        .containsExactly(Map.entry("enabled", new AuditChange(true, false)));
  }

  @Test
  void reportsAddedAndRemovedFieldsWithNullOnTheAbsentSide() {
    Map<String, Object> before = new HashMap<>();
    before.put("description", "Main SAP system");
    before.put("baseUrl", null);
    Map<String, Object> after = Map.of("baseUrl", "https://sap.example.com");

    assertThat(AuditTrail.diff(before, after, SECRETS))
        .containsExactly(
            Map.entry("baseUrl", new AuditChange(null, "https://sap.example.com")),
            Map.entry("description", new AuditChange("Main SAP system", null)));
  }

  @Test
  void showsASecretAsSetOrRemovedWithoutItsValue() {
    Map<String, AuditChange> set =
        AuditTrail.diff(Map.of(), Map.of("password", "hunter2-value"), SECRETS);
    Map<String, AuditChange> removed =
        AuditTrail.diff(Map.of("password", "hunter2-value"), Map.of("password", ""), SECRETS);

    assertThat(set).containsExactly(Map.entry("password", new AuditChange(null, "(set)")));
    assertThat(removed)
        .containsExactly(Map.entry("password", new AuditChange("********", "(removed)")));
  }

  @Test
  void masksSecretKeysInsideNestedValues() {
    Map<String, Object> before = Map.of("connectionSettings", Map.of("accountId", "123"));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("accountId", "123");
    settings.put("tokenSecret", "ts-value");
    settings.put("extra", List.of(Map.of("password", "pw-value")));
    Map<String, Object> after = Map.of("connectionSettings", settings);

    Map<String, AuditChange> changes = AuditTrail.diff(before, after, SECRETS);

    assertThat(changes.get("connectionSettings").to())
        .isEqualTo(
            Map.of(
                "accountId",
                "123",
                "tokenSecret",
                "********",
                "extra",
                List.of(Map.of("password", "********"))));
    assertThat(changes.toString()).doesNotContain("ts-value", "pw-value");
  }

  @Test
  void treatsTheSameNumberOfAnotherTypeAsUnchanged() {
    assertThat(
            AuditTrail.diff(
                Map.of("syncIntervalMinutes", 60), Map.of("syncIntervalMinutes", 60L), SECRETS))
        .isEmpty();
  }

  @Test
  void acceptsMissingMaps() {
    assertThat(AuditTrail.diff(null, Map.of("name", "SAP"), null))
        .containsExactly(Map.entry("name", new AuditChange(null, "SAP")));
  }
}
