package com.tgm.erpsync.connection;

import static com.tgm.erpsync.connection.ConnectionApiTest.CONNECTIONS;
import static com.tgm.erpsync.connection.ConnectionApiTest.GUIDE_STEP_1;
import static com.tgm.erpsync.connection.ConnectionApiTest.admin;
import static com.tgm.erpsync.connection.ConnectionApiTest.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connection.vault.CredentialVault;
import com.tgm.erpsync.connection.vault.KeyRing;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Key rotation: secrets written under an old key stay readable, and re-encryption moves every one
 * of them to the current key, publishing each changed connection once.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = KeyRotationApiTest.TwoKeys.class)
class KeyRotationApiTest {
  static final String OLD_KEY = key((byte) 0x31);
  static final String NEW_KEY = key((byte) 0x52);
  static final String RETIRED_KEY = key((byte) 0x73);

  /** The service has the old key (still readable) and the new, current one. */
  public static class TwoKeys implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      return Map.of(
          "tgm.credentials.keys",
          "old-1:" + OLD_KEY + ",new-2:" + NEW_KEY,
          "tgm.credentials.current-key",
          "new-2");
    }

    @Override
    public void stop() {}
  }

  @Inject AgroalDataSource dataSource;
  @Inject CredentialVault vault;
  @Inject ObjectMapper mapper;

  @Test
  void reEncryptsSecretsOfTheOldKeyUnderTheCurrentOne() throws Exception {
    long first = create(GUIDE_STEP_1.replace("Production SAP", "Old key SAP"));
    long second =
        create(
            """
            {"name": "Old key NetSuite", "erpType": "ORACLE_NETSUITE", "authType": "TOKEN_BASED",
             "connectionSettings": {"accountId": "123456_SB1", "consumerKey": "ck-old",
               "consumerSecret": "cs-old", "tokenId": "ti-old", "tokenSecret": "ts-old"}}
            """);
    long current = create(GUIDE_STEP_1.replace("Production SAP", "New key SAP"));
    String webhookSecret = revealWebhookSecret(first);
    // the first two were written before the rotation: under the old key
    rewriteUnder(first, "old-1", OLD_KEY);
    rewriteUnder(second, "old-1", OLD_KEY);
    // old ciphertexts still decrypt: the webhook secret is still revealed the same
    assertThat(revealWebhookSecret(first)).isEqualTo(webhookSecret);
    JsonPath before =
        admin().get("/api/admin/erp/credentials/keys").then().statusCode(200).extract().jsonPath();
    assertThat(before.getString("currentKeyId")).isEqualTo("new-2");
    assertThat(before.getList("keyIds")).containsExactlyInAnyOrder("old-1", "new-2");
    assertThat(before.getInt("secretsByKey.old-1")).isGreaterThanOrEqualTo(6);

    TopicProbe published = TopicProbe.open(TestInfrastructure.kafka(), Topics.CONNECTIONS);
    admin()
        .post("/api/admin/erp/credentials/re-encrypt")
        .then()
        .statusCode(200)
        .body("currentKeyId", equalTo("new-2"))
        .body("connectionsReEncrypted", equalTo(2))
        .body("secretsReEncrypted", equalTo(2 + 4)) // clientSecret + webhookSecret; 4 TBA secrets
        .body("failedConnections.size()", equalTo(0));

    Map<String, EncryptedSecret> firstSecrets = storedSecrets(first);
    assertThat(firstSecrets.values()).allMatch(s -> s.keyId().equals("new-2"));
    assertThat(storedSecrets(second).values()).allMatch(s -> s.keyId().equals("new-2"));
    assertThat(
            vault.decrypt(
                firstSecrets.get("clientSecret"), "connection:" + first + ":clientSecret"))
        .isEqualTo("your-client-secret");
    assertThat(
            vault.decrypt(
                storedSecrets(second).get("tokenSecret"), "connection:" + second + ":tokenSecret"))
        .isEqualTo("ts-old");
    assertThat(revealWebhookSecret(first)).isEqualTo(webhookSecret);
    admin().get("/api/admin/erp/credentials/keys").then().body("secretsByKey.old-1", equalTo(null));

    // one new snapshot for each changed connection, none for the one already current
    List<ConsumerRecord<String, String>> snapshots =
        published.drain(
            r ->
                List.of(String.valueOf(first), String.valueOf(second), String.valueOf(current))
                        .contains(r.key())
                    && !r.value().contains("\"version\":1,"), // the creates' own snapshots
            Duration.ofSeconds(3));
    assertThat(snapshots)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder(String.valueOf(first), String.valueOf(second));
    ConnectionSnapshot snapshot =
        mapper.readValue(
            snapshots.stream()
                .filter(r -> r.key().equals(String.valueOf(first)))
                .findFirst()
                .orElseThrow()
                .value(),
            ConnectionSnapshot.class);
    assertThat(snapshot.secrets().values()).allMatch(s -> s.keyId().equals("new-2"));
    assertThat(snapshot.version()).isEqualTo(2);

    // running it again changes nothing
    admin()
        .post("/api/admin/erp/credentials/re-encrypt")
        .then()
        .statusCode(200)
        .body("connectionsReEncrypted", equalTo(0))
        .body("secretsReEncrypted", equalTo(0));
    published.close();
  }

  @Test
  void listsConnectionsWhoseKeyIsGoneAndGoesOnWithTheOthers() throws Exception {
    long lost = create(GUIDE_STEP_1.replace("Production SAP", "Retired key SAP"));
    long fine = create(GUIDE_STEP_1.replace("Production SAP", "Still old key SAP"));
    rewriteUnder(lost, "retired-0", RETIRED_KEY); // a key the service no longer has
    rewriteUnder(fine, "old-1", OLD_KEY);

    JsonPath report =
        admin()
            .post("/api/admin/erp/credentials/re-encrypt")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(report.getList("failedConnections", Long.class)).contains(lost);
    assertThat(storedSecrets(fine).values()).allMatch(s -> s.keyId().equals("new-2"));
    assertThat(storedSecrets(lost).values()).allMatch(s -> s.keyId().equals("retired-0"));
    // revealing a secret of the lost connection is a clear 500 naming the key, never a value
    admin()
        .get(CONNECTIONS + "/" + lost + "/webhook-secret")
        .then()
        .statusCode(500)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("retired-0"));
    forget(lost); // its secrets are lost for good: keep it out of the other test's counts
  }

  private void forget(long id) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM erp_connection WHERE id = ?")) {
      delete.setLong(1, id);
      delete.executeUpdate();
    }
  }

  private static String revealWebhookSecret(long id) {
    return admin()
        .get(CONNECTIONS + "/" + id + "/webhook-secret")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("webhookSecret");
  }

  /** Re-encrypts a connection's stored secrets under another key, as if written before. */
  private void rewriteUnder(long id, String keyId, String key) throws Exception {
    CredentialVault other = new CredentialVault(KeyRing.parse(keyId + ":" + key, keyId));
    Map<String, EncryptedSecret> rewritten = new TreeMap<>();
    storedSecrets(id)
        .forEach(
            (name, secret) -> {
              String context = "connection:" + id + ":" + name;
              rewritten.put(name, other.encrypt(vault.decrypt(secret, context), context));
            });
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE erp_connection SET secrets = ?::jsonb WHERE id = ?")) {
      update.setString(1, mapper.writeValueAsString(rewritten));
      update.setLong(2, id);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private Map<String, EncryptedSecret> storedSecrets(long id) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT secrets::text FROM erp_connection WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        return mapper.readValue(row.getString(1), new TypeReference<>() {});
      }
    }
  }

  private static String key(byte fill) {
    byte[] bytes = new byte[KeyRing.KEY_BYTES];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (fill + i);
    }
    return Base64.getEncoder().encodeToString(bytes);
  }
}
