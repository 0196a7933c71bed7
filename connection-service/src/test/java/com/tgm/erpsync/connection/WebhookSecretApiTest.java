package com.tgm.erpsync.connection;

import static com.tgm.erpsync.connection.ConnectionApiTest.CONNECTIONS;
import static com.tgm.erpsync.connection.ConnectionApiTest.GUIDE_STEP_1;
import static com.tgm.erpsync.connection.ConnectionApiTest.admin;
import static com.tgm.erpsync.connection.ConnectionApiTest.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connection.vault.CredentialVault;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.testsupport.AdminJwtResource;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import com.tgm.erpsync.testsupport.TestInfrastructure;
import com.tgm.erpsync.testsupport.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The webhook secret: generated with webhooks, revealed to an admin on request, rotatable. */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class)
@WithTestResource(scope = TestResourceScope.RESTRICTED_TO_CLASS, value = AdminJwtResource.class)
class WebhookSecretApiTest {
  @Inject CredentialVault vault;
  @Inject ObjectMapper mapper;

  @Test
  void revealsTheGeneratedSecretWithTheWebhookUrl() throws Exception {
    TopicProbe published = TopicProbe.open(TestInfrastructure.kafka(), Topics.CONNECTIONS);
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Webhook SAP"));

    String secret =
        admin()
            .get(CONNECTIONS + "/" + id + "/webhook-secret")
            .then()
            .statusCode(200)
            .body("connectionId", equalTo((int) id))
            .body("webhookUrl", equalTo("/api/webhooks/erp/" + id))
            .body("secretHeader", equalTo("X-Webhook-Secret"))
            .body("signatureHeader", equalTo("X-Webhook-Signature"))
            .extract()
            .jsonPath()
            .getString("webhookSecret");

    assertThat(Base64.getUrlDecoder().decode(secret)).hasSizeGreaterThanOrEqualTo(32);
    // the revealed secret is the one the gateway receives (encrypted) with the snapshot
    ConnectionSnapshot snapshot =
        mapper.readValue(
            published
                .await(r -> String.valueOf(id).equals(r.key()), Duration.ofSeconds(30))
                .value(),
            ConnectionSnapshot.class);
    assertThat(
            vault.decrypt(
                snapshot.secrets().get(ConnectionSnapshot.WEBHOOK_SECRET),
                "connection:" + id + ":webhookSecret"))
        .isEqualTo(secret);
    // and the connection view still only masks it
    admin()
        .get(CONNECTIONS + "/" + id)
        .then()
        .body(org.hamcrest.Matchers.not(containsString(secret)));
    published.close();
  }

  @Test
  void rotatesTheSecretAndPublishesTheNewOne() throws Exception {
    TopicProbe published = TopicProbe.open(TestInfrastructure.kafka(), Topics.CONNECTIONS);
    long id = create(GUIDE_STEP_1.replace("Production SAP", "Rotating SAP"));
    String before = reveal(id);

    String rotated =
        admin()
            .post(CONNECTIONS + "/" + id + "/webhook-secret/rotate")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("webhookSecret");

    assertThat(rotated).isNotEqualTo(before);
    assertThat(reveal(id)).isEqualTo(rotated);
    admin().get(CONNECTIONS + "/" + id).then().body("version", equalTo(2));
    List<ConsumerRecord<String, String>> snapshots =
        published.awaitCount(r -> String.valueOf(id).equals(r.key()), 2, Duration.ofSeconds(30));
    ConnectionSnapshot latest =
        mapper.readValue(snapshots.get(1).value(), ConnectionSnapshot.class);
    assertThat(
            vault.decrypt(
                latest.secrets().get(ConnectionSnapshot.WEBHOOK_SECRET),
                "connection:" + id + ":webhookSecret"))
        .isEqualTo(rotated);
    published.close();
  }

  @Test
  void answers409WhenWebhooksAreNotEnabled() {
    long id =
        create(
            GUIDE_STEP_1
                .replace("Production SAP", "No webhook SAP")
                .replace("\"webhookEnabled\": true", "\"webhookEnabled\": false"));

    admin()
        .get(CONNECTIONS + "/" + id + "/webhook-secret")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("Webhooks are not enabled on connection " + id));
    admin()
        .post(CONNECTIONS + "/" + id + "/webhook-secret/rotate")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    admin().get(CONNECTIONS + "/" + id).then().body("version", equalTo(1));
  }

  @Test
  void answers404ForAnUnknownConnection() {
    admin().get(CONNECTIONS + "/876543/webhook-secret").then().statusCode(404);
    admin().post(CONNECTIONS + "/876543/webhook-secret/rotate").then().statusCode(404);
  }

  private static String reveal(long id) {
    return admin()
        .get(CONNECTIONS + "/" + id + "/webhook-secret")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("webhookSecret");
  }
}
