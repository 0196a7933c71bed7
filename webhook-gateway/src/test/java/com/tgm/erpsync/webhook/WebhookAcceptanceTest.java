package com.tgm.erpsync.webhook;

import static com.tgm.erpsync.webhook.Gateway.JSON;
import static com.tgm.erpsync.webhook.Gateway.newId;
import static com.tgm.erpsync.webhook.Gateway.newSecret;
import static com.tgm.erpsync.webhook.Gateway.signature;
import static com.tgm.erpsync.webhook.Gateway.snapshot;
import static com.tgm.erpsync.webhook.Gateway.webhookConnection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.change.ErpChangeNotification;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import com.tgm.erpsync.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each ERP format, as the ERP sends it, over real HTTP: the exact {@link ErpChangeNotification}s
 * that reach the real erp.changes topic, keyed by connection, and nothing more.
 */
@QuarkusTest
@WithTestResource(
    scope = TestResourceScope.RESTRICTED_TO_CLASS,
    value = RealInfrastructureResource.class,
    initArgs = @ResourceArg(name = "database", value = "false"))
class WebhookAcceptanceTest {
  private static final Duration QUIET = Duration.ofSeconds(2);

  @TestHTTPResource("/")
  URI base;

  private Gateway gateway;

  @BeforeEach
  void open() {
    gateway = new Gateway(base);
  }

  @AfterEach
  void close() {
    gateway.close();
  }

  @Test
  void sapBusinessEventAsAStructuredCloudEventThenAgainAsADuplicate() throws Exception {
    long id = newId();
    String secret = newSecret();
    gateway.connection(webhookConnection(id, ErpType.SAP_S4HANA, secret));
    gateway.awaitKnown(id, secret);
    String eventId = UUID.randomUUID().toString();
    String event =
        """
        {"specversion":"1.0","type":"sap.s4.beh.equipment.v1.Equipment.Changed.v1",
         "source":"/default/sap.s4.beh/S4HCLNT100","subject":"10000001","id":"%s",
         "time":"2026-11-27T10:15:30Z","datacontenttype":"application/json",
         "data":{"Equipment":"10000001"}}
        """
            .formatted(eventId);

    HttpResponse<String> answer =
        gateway.post(
            "/api/webhooks/erp/sap/" + id,
            "application/cloudevents+json",
            event.getBytes(StandardCharsets.UTF_8),
            "X-Webhook-Secret",
            secret);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("accepted").asInt()).isEqualTo(1);
    assertThat(body.path("duplicates").asInt()).isZero();
    assertThat(body.path("format").asText()).isEqualTo("cloudevents-structured");
    ErpChangeNotification published = gateway.awaitNotifications(id, 1).get(0);
    assertThat(published.connectionId()).isEqualTo(id);
    assertThat(published.erpType()).isEqualTo(ErpType.SAP_S4HANA);
    assertThat(published.erpEntityName()).isEqualTo("Equipment");
    assertThat(published.erpKey()).isEqualTo(Map.of("Equipment", "10000001"));
    assertThat(published.changeType()).isEqualTo(ErpChangeType.UPDATED);
    assertThat(published.values()).isNull();
    assertThat(published.filter()).isNull();
    assertThat(published.eventId()).isEqualTo(eventId);
    assertThat(published.eventSource()).isEqualTo("/default/sap.s4.beh/S4HCLNT100");
    assertThat(published.occurredAt()).isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
    assertThat(published.receivedAt()).isNotNull();
    assertThat(published.meta().messageId()).isEqualTo(WebhookIntake.messageId(id, eventId));

    // Event Mesh delivers again (no answer seen in time): 200, nothing published twice
    HttpResponse<String> again =
        gateway.post(
            "/api/webhooks/erp/sap/" + id,
            "application/cloudevents+json",
            event.getBytes(StandardCharsets.UTF_8),
            "X-Webhook-Secret",
            secret);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).path("duplicates").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(again.body()).path("accepted").asInt()).isZero();
    assertThat(gateway.published(Set.of(id), QUIET)).hasSize(1);
    String metrics = gateway.get("/q/metrics").body();
    assertThat(metrics)
        .contains(
            "tgm_webhook_events_accepted_total{connection=\""
                + id
                + "\",format=\"cloudevents-structured\"} 1.0")
        .contains("tgm_webhook_events_duplicates_total{connection=\"" + id + "\"} 1.0")
        .containsPattern(
            "tgm_webhook_requests_latency_seconds_count\\{connection=\""
                + id
                + "\",outcome=\"accepted\"} 2");
  }

  @Test
  void sapBusinessEventInBinaryModeSignedWithATimestamp() throws Exception {
    long id = newId();
    String secret = newSecret();
    gateway.connection(webhookConnection(id, ErpType.SAP_S4HANA, secret));
    gateway.awaitKnown(id, secret);
    byte[] data = "{\"MaintenanceOrder\":\"4000123\"}".getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(Instant.now().getEpochSecond());

    HttpResponse<String> answer =
        gateway.post(
            "/api/webhooks/erp/sap/" + id,
            "application/json",
            data,
            "ce-specversion",
            "1.0",
            "ce-type",
            "sap.s4.beh.maintenanceorder.v1.MaintenanceOrder.Created.v1",
            "ce-source",
            "/default/sap.s4.beh/S4HCLNT100",
            "ce-id",
            "binary-1-" + id,
            "ce-time",
            "2026-11-27T11:00:00Z",
            "X-Webhook-Timestamp",
            timestamp,
            "X-Webhook-Signature",
            signature(secret, timestamp, data));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("format").asText())
        .isEqualTo("cloudevents-binary");
    ErpChangeNotification published = gateway.awaitNotifications(id, 1).get(0);
    assertThat(published.erpEntityName()).isEqualTo("MaintenanceOrder");
    assertThat(published.erpKey()).isEqualTo(Map.of("MaintenanceOrder", "4000123"));
    assertThat(published.changeType()).isEqualTo(ErpChangeType.CREATED);
    assertThat(published.eventId()).isEqualTo("binary-1-" + id);
    assertThat(published.occurredAt()).isEqualTo(Instant.parse("2026-11-27T11:00:00Z"));
    assertThat(gateway.published(Set.of(id), QUIET)).hasSize(1);
  }

  @Test
  void businessCentralHandshakeClientStateAndACollection() throws Exception {
    long id = newId();
    String secret = newSecret();
    gateway.connection(webhookConnection(id, ErpType.DYNAMICS_365_BC, secret));
    gateway.awaitKnown(id, secret);

    // subscription creation and renewal: the token echoed as plain text
    HttpResponse<String> handshake =
        gateway.post("/api/webhooks/erp/dynamics/" + id + "?validationToken=tok-123%2B%2F", "");
    assertThat(handshake.statusCode()).isEqualTo(200);
    assertThat(handshake.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(handshake.body()).isEqualTo("tok-123+/");
    HttpResponse<String> renewal =
        gateway.get("/api/webhooks/erp/dynamics/" + id + "?validationToken=renew-9");
    assertThat(renewal.statusCode()).isEqualTo(200);
    assertThat(renewal.body()).isEqualTo("renew-9");

    String company =
        "https://api.businesscentral.dynamics.com/v2.0/tenant-1/production/api/v2.0/"
            + "companies(11111111-2222-3333-4444-555555555555)";
    String notifications =
        """
        {"value":[
          {"subscriptionId":"sub-7","clientState":"%1$s","expirationDateTime":"2026-11-30T10:00:00Z",
           "resource":"%2$s/customers(aaaaaaaa-0000-0000-0000-000000000001)",
           "changeType":"updated","lastModifiedDateTime":"2026-11-27T09:00:00Z"},
          {"subscriptionId":"sub-7","clientState":"%1$s","expirationDateTime":"2026-11-30T10:00:00Z",
           "resource":"%2$s/customers?$filter=lastModifiedDateTime%%20gt%%202026-11-27T08:00:00Z",
           "changeType":"collection","lastModifiedDateTime":"2026-11-27T09:05:00Z"}
        ]}
        """
            .formatted(secret, company);

    HttpResponse<String> answer = gateway.post("/api/webhooks/erp/dynamics/" + id, notifications);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("format").asText()).isEqualTo("business-central");
    List<ErpChangeNotification> published = gateway.awaitNotifications(id, 2);
    ErpChangeNotification updated = published.get(0);
    assertThat(updated.erpType()).isEqualTo(ErpType.DYNAMICS_365_BC);
    assertThat(updated.erpEntityName()).isEqualTo("customers");
    assertThat(updated.erpKey()).isEqualTo(Map.of("id", "aaaaaaaa-0000-0000-0000-000000000001"));
    assertThat(updated.changeType()).isEqualTo(ErpChangeType.UPDATED);
    assertThat(updated.occurredAt()).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
    assertThat(updated.eventSource()).isEqualTo("sub-7");
    ErpChangeNotification collection = published.get(1);
    assertThat(collection.erpEntityName()).isEqualTo("customers");
    assertThat(collection.changeType()).isEqualTo(ErpChangeType.COLLECTION);
    assertThat(collection.erpKey()).isEmpty();
    assertThat(collection.filter()).isEqualTo("lastModifiedDateTime gt 2026-11-27T08:00:00Z");
    assertThat(collection.eventId()).isNotBlank().isNotEqualTo(updated.eventId());

    // BC retries the same batch: the derived event ids are the same, nothing is published twice
    HttpResponse<String> retried = gateway.post("/api/webhooks/erp/dynamics/" + id, notifications);
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(retried.body()).path("duplicates").asInt()).isEqualTo(2);
    assertThat(gateway.published(Set.of(id), QUIET)).hasSize(2);
  }

  @Test
  void dataverseRemoteExecutionContextWithTheWebhookKeyAndTheHttpHeader() throws Exception {
    long id = newId();
    String secret = newSecret();
    gateway.connection(webhookConnection(id, ErpType.DYNAMICS_365_FO, secret));
    gateway.awaitKnown(id, secret);
    String context =
        """
        {"BusinessUnitId":"5e1f2b4c-0a46-eb11-a813-000d3a8b3ec6",
         "CorrelationId":"7d6ecc9d-0b14-4a4d-a7ae-3e4a5c0f5a11","Depth":1,
         "InitiatingUserId":"9c1a2b3d-0a46-eb11-a813-000d3a8b3ec6",
         "InputParameters":[{"key":"Target","value":{
            "__type":"Entity:http://schemas.microsoft.com/xrm/2011/Contracts",
            "Attributes":[{"key":"name","value":"Contoso Pumps"},
                          {"key":"accountid","value":"d2b6c3f1-0b47-eb11-a813-000d3a8b3ec6"}],
            "EntityState":null,"FormattedValues":[],
            "Id":"d2b6c3f1-0b47-eb11-a813-000d3a8b3ec6","KeyAttributes":[],
            "LogicalName":"account","RelatedEntities":[],"RowVersion":null}}],
         "IsExecutingOffline":false,"IsInTransaction":false,"IsOfflinePlayback":false,
         "IsolationMode":1,"MessageName":"%s","Mode":1,
         "OperationCreatedOn":"/Date(1764237600000)/",
         "OperationId":"%s",
         "OrganizationId":"0b1c2d3e-0a46-eb11-a813-000d3a8b3ec6",
         "OrganizationName":"org0b1c2d3e","OutputParameters":[],"OwningExtension":{
            "Id":"3c4d5e6f-0b47-eb11-a813-000d3a8b3ec6","KeyAttributes":[],
            "LogicalName":"sdkmessageprocessingstep","Name":"TGM: account update","RowVersion":null},
         "ParentContext":null,"PostEntityImages":[],"PreEntityImages":[],
         "PrimaryEntityId":"d2b6c3f1-0b47-eb11-a813-000d3a8b3ec6","PrimaryEntityName":"account",
         "RequestId":"%s","SecondaryEntityName":"none","SharedVariables":[],"Stage":40,
         "UserAzureActiveDirectoryObjectId":"00000000-0000-0000-0000-000000000000",
         "UserId":"9c1a2b3d-0a46-eb11-a813-000d3a8b3ec6"}
        """;
    String update = context.formatted("Update", UUID.randomUUID(), UUID.randomUUID());
    String delete = context.formatted("Delete", UUID.randomUUID(), UUID.randomUUID());

    // WebhookKey authentication: the key in ?code=
    HttpResponse<String> byKey =
        gateway.post(
            "/api/webhooks/erp/dynamics/" + id + "?code=" + secret,
            update,
            "x-ms-dynamics-organization",
            "org0b1c2d3e.crm.dynamics.com",
            "x-ms-dynamics-entity-name",
            "account",
            "x-request-id",
            UUID.randomUUID().toString());
    // HttpHeader authentication: the key in a header of the admin's choosing (ours)
    HttpResponse<String> byHeader =
        gateway.post("/api/webhooks/erp/dynamics/" + id, delete, "X-Webhook-Secret", secret);

    assertThat(byKey.statusCode()).as(byKey.body()).isEqualTo(200);
    assertThat(byHeader.statusCode()).as(byHeader.body()).isEqualTo(200);
    List<ErpChangeNotification> published = gateway.awaitNotifications(id, 2);
    assertThat(published)
        .extracting(ErpChangeNotification::changeType)
        .containsExactly(ErpChangeType.UPDATED, ErpChangeType.DELETED);
    for (ErpChangeNotification notification : published) {
      assertThat(notification.erpEntityName()).isEqualTo("account");
      assertThat(notification.erpKey())
          .isEqualTo(Map.of("accountid", "d2b6c3f1-0b47-eb11-a813-000d3a8b3ec6"));
      assertThat(notification.occurredAt()).isEqualTo(Instant.ofEpochMilli(1764237600000L));
      assertThat(notification.values()).isNull();
    }
    assertThat(gateway.published(Set.of(id), QUIET)).hasSize(2);
  }

  @Test
  void financeAndOperationsBusinessEvent() throws Exception {
    long id = newId();
    String secret = newSecret();
    gateway.connection(
        snapshot(
            id,
            ErpType.DYNAMICS_365_FO,
            true,
            true,
            secret,
            Gateway.settings(
                "webhook",
                Map.of(
                    "businessEvents",
                    Map.of(
                        "PurchaseOrderConfirmedBusinessEvent",
                        Map.of(
                            "entity",
                            "PurchaseOrderHeadersV2",
                            "keyPaths",
                            Map.of(
                                "PurchaseOrderNumber",
                                "PurchaseOrderNumber",
                                "dataAreaId",
                                "BusinessEventLegalEntity")))))));
    gateway.awaitKnown(id, secret);
    String event =
        """
        {"BusinessEventId":"PurchaseOrderConfirmedBusinessEvent","BusinessEventLegalEntity":"USMF",
         "ContextRecordSubject":"","ControlNumber":5637165077,
         "EventId":"E2C0C4F3-1D7A-4F9B-9A45-5B4B0C0F9A11","EventTime":"/Date(1764240000000)/",
         "MajorVersion":0,"MinorVersion":0,"PurchaseOrderNumber":"00000123",
         "PurchaseOrderDate":"/Date(1764201600000)/","PurchaseType":"Purch"}
        """;

    HttpResponse<String> answer =
        gateway.post("/api/webhooks/erp/dynamics/" + id, event, "X-Webhook-Secret", secret);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    ErpChangeNotification published = gateway.awaitNotifications(id, 1).get(0);
    assertThat(published.erpEntityName()).isEqualTo("PurchaseOrderHeadersV2");
    assertThat(published.erpKey())
        .isEqualTo(Map.of("PurchaseOrderNumber", "00000123", "dataAreaId", "USMF"));
    assertThat(published.changeType()).isEqualTo(ErpChangeType.UPDATED);
    assertThat(published.eventId()).isEqualTo("E2C0C4F3-1D7A-4F9B-9A45-5B4B0C0F9A11");
    assertThat(published.occurredAt()).isEqualTo(Instant.ofEpochMilli(1764240000000L));
    assertThat(gateway.published(Set.of(id), QUIET)).hasSize(1);
  }

  @Test
  void genericSignedJsonLaidOutAsTheConnectionSays() throws Exception {
    long id = newId();
    String secret = newSecret();
    gateway.connection(
        snapshot(
            id,
            ErpType.ORACLE_NETSUITE,
            true,
            true,
            secret,
            Gateway.settings(
                "webhook",
                Map.of(
                    "eventsPath", "events",
                    "entityPath", "record.type",
                    "keyPaths", Map.of("internalId", "record.id"),
                    "changeTypePath", "type",
                    "changeTypes", Map.of("create", "CREATED", "edit", "UPDATED"),
                    "eventIdPath", "id",
                    "occurredAtPath", "at",
                    "valuesPath", "record.fields"))));
    gateway.awaitKnown(id, secret);
    byte[] body =
        """
        {"account":"123456_SB1","events":[
          {"id":"ns-1","type":"create","at":"2026-11-27T12:00:00Z",
           "record":{"type":"customer","id":"1001","fields":{"companyname":"Acme","email":"a@acme.example"}}},
          {"id":"ns-2","type":"edit","at":1764244800000,
           "record":{"type":"customer","id":"1002"}}
        ]}
        """
            .getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(Instant.now().getEpochSecond());

    HttpResponse<String> answer =
        gateway.post(
            "/api/webhooks/erp/oracle/" + id,
            "application/json; charset=utf-8",
            body,
            "X-Webhook-Timestamp",
            timestamp,
            "X-Webhook-Signature",
            java.util.Base64.getEncoder()
                .encodeToString(
                    java.util.HexFormat.of()
                        .parseHex(signature(secret, timestamp, body).substring(7))));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<ErpChangeNotification> published = gateway.awaitNotifications(id, 2);
    ErpChangeNotification created = published.get(0);
    assertThat(created.erpType()).isEqualTo(ErpType.ORACLE_NETSUITE);
    assertThat(created.erpEntityName()).isEqualTo("customer");
    assertThat(created.erpKey()).isEqualTo(Map.of("internalId", "1001"));
    assertThat(created.changeType()).isEqualTo(ErpChangeType.CREATED);
    assertThat(created.values())
        .isEqualTo(Map.of("companyname", "Acme", "email", "a@acme.example"));
    assertThat(created.eventId()).isEqualTo("ns-1");
    assertThat(created.occurredAt()).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
    ErpChangeNotification edited = published.get(1);
    assertThat(edited.erpKey()).isEqualTo(Map.of("internalId", "1002"));
    assertThat(edited.changeType()).isEqualTo(ErpChangeType.UPDATED);
    assertThat(edited.values()).isNull();
    assertThat(edited.occurredAt()).isEqualTo(Instant.ofEpochMilli(1764244800000L));
    assertThat(gateway.published(Set.of(id), QUIET)).hasSize(2);
  }
}
