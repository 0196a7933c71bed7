package com.tgm.erpsync.webhook.format;

import static com.tgm.erpsync.webhook.format.Samples.FORMATS;
import static com.tgm.erpsync.webhook.format.Samples.MAPPER;
import static com.tgm.erpsync.webhook.format.Samples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ErpType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates the valid samples at random (seeded, so a failure repeats) and checks that reading them
 * only ever gives events or a {@link MalformedWebhookException}.
 */
class WebhookFormatsFuzzTest {
  private static final long SEED = 0x7E6D_2026L;
  private static final int ROUNDS = 3_000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private record Sample(JsonNode body, InboundWebhook request, WebhookMapping mapping) {}

  private static List<Sample> samples() {
    Map<String, String> json = Map.of("content-type", "application/json");
    WebhookMapping netsuite = WebhookMapping.from(Samples.NETSUITE_SETTINGS);
    WebhookMapping foMapped =
        WebhookMapping.from(
            Map.of(
                "businessEvents",
                Map.of(
                    "SalesOrderConfirmedBusinessEvent",
                    Map.of(
                        "entity", "SalesOrders", "keyPaths", Map.of("id", "SalesOrderNumber")))));
    return List.of(
        new Sample(
            sample(Samples.SAP_STRUCTURED),
            new InboundWebhook(
                WebhookRoute.SAP,
                ErpType.SAP_S4HANA,
                Map.of("content-type", "application/cloudevents+json"),
                "application/cloudevents+json"),
            null),
        new Sample(
            sample(Samples.SAP_BINARY_DATA),
            new InboundWebhook(
                WebhookRoute.SAP,
                ErpType.SAP_S4HANA,
                Samples.SAP_BINARY_HEADERS,
                "application/json"),
            null),
        new Sample(
            sample(Samples.SAP_BATCH),
            new InboundWebhook(
                WebhookRoute.GENERIC,
                ErpType.SAP_S4HANA,
                Map.of("content-type", "application/cloudevents-batch+json"),
                "application/cloudevents-batch+json"),
            netsuite),
        new Sample(
            sample(Samples.BUSINESS_CENTRAL),
            new InboundWebhook(
                WebhookRoute.DYNAMICS, ErpType.DYNAMICS_365_BC, json, "application/json"),
            null),
        new Sample(
            sample(Samples.DATAVERSE),
            new InboundWebhook(
                WebhookRoute.DYNAMICS, ErpType.DYNAMICS_365_FO, json, "application/json"),
            null),
        new Sample(
            sample(Samples.FINANCE_OPERATIONS),
            new InboundWebhook(
                WebhookRoute.GENERIC, ErpType.DYNAMICS_365_FO, json, "application/json"),
            foMapped),
        new Sample(
            sample(Samples.NETSUITE),
            new InboundWebhook(
                WebhookRoute.ORACLE, ErpType.ORACLE_NETSUITE, json, "application/json"),
            netsuite),
        new Sample(
            sample(Samples.NETSUITE),
            new InboundWebhook(
                WebhookRoute.GENERIC, ErpType.ORACLE_NETSUITE, json, "application/json"),
            WebhookMapping.DEFAULT));
  }

  @Test
  void mutatedSamplesAreReadOrRejectedAsMalformed() {
    Random random = new Random(SEED);
    List<Sample> samples = samples();
    Map<String, Integer> outcomes = new HashMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      Sample sample = samples.get(random.nextInt(samples.size()));
      JsonNode body = sample.body().deepCopy();
      int mutations = 1 + random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        body = mutate(body, random);
      }
      InboundWebhook request = mutateRequest(sample.request(), random);
      String outcome;
      try {
        ParsedWebhook parsed = FORMATS.read(request, body, sample.mapping());
        assertThat(parsed.events()).isNotEmpty().hasSizeLessThanOrEqualTo(1000);
        outcome = "parsed";
      } catch (MalformedWebhookException e) {
        assertThat(e.getMessage()).isNotBlank();
        outcome = "malformed";
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(
            "round " + round + " threw " + e + " for " + abbreviate(body) + " with " + request, e);
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }
    assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ROUNDS);
    assertThat(outcomes).containsKeys("parsed", "malformed");
  }

  @Test
  void truncatedSamplesThatStillParseAreReadOrRejected() throws IOException {
    Random random = new Random(SEED + 1);
    for (Sample sample : samples()) {
      String text = MAPPER.writeValueAsString(sample.body());
      for (int i = 0; i < 100; i++) {
        String cut = text.substring(0, random.nextInt(text.length()));
        JsonNode body;
        try {
          body = MAPPER.readTree(cut);
        } catch (IOException e) {
          continue;
        }
        try {
          FORMATS.read(sample.request(), body, sample.mapping());
        } catch (MalformedWebhookException e) {
          assertThat(e.getMessage()).isNotBlank();
        }
      }
    }
  }

  private static InboundWebhook mutateRequest(InboundWebhook request, Random random) {
    if (random.nextInt(10) != 0) {
      return request;
    }
    Map<String, String> headers = new HashMap<>(request.headers());
    String[] names = {"ce-specversion", "ce-id", "ce-source", "ce-type", "ce-time"};
    String name = names[random.nextInt(names.length)];
    switch (random.nextInt(3)) {
      case 0 -> headers.remove(name);
      case 1 -> headers.put(name, randomText(random));
      default -> headers.put(name, "");
    }
    String[] mediaTypes = {
      "application/json", "application/cloudevents+json", "application/cloudevents-batch+json", null
    };
    WebhookRoute route = WebhookRoute.values()[random.nextInt(WebhookRoute.values().length)];
    return new InboundWebhook(
        route, request.erpType(), headers, mediaTypes[random.nextInt(mediaTypes.length)]);
  }

  /** Applies one random change somewhere in the tree and returns the (possibly new) root. */
  private static JsonNode mutate(JsonNode root, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty() || random.nextInt(20) == 0) {
      return randomNode(random, 3);
    }
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode object) {
      mutateObject(object, random);
    } else {
      mutateArray((ArrayNode) target, random);
    }
    return root;
  }

  private static void mutateObject(ObjectNode object, Random random) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
    switch (random.nextInt(7)) {
      case 0 -> object.remove(name);
      case 1 -> object.set(name, randomNode(random, 2));
      case 2 -> object.set(name + "_copy", object.path(name).deepCopy());
      case 3 -> object.put(name, "x".repeat(random.nextBoolean() ? 513 : 100_000));
      case 4 -> object.set(name, deep(random.nextInt(300)));
      case 5 -> object.putNull(name);
      default -> object.set(randomText(random), randomNode(random, 1));
    }
  }

  private static void mutateArray(ArrayNode array, Random random) {
    int index = array.isEmpty() ? 0 : random.nextInt(array.size());
    switch (random.nextInt(5)) {
      case 0 -> {
        if (!array.isEmpty()) {
          array.remove(index);
        }
      }
      case 1 -> {
        if (!array.isEmpty()) {
          array.add(array.get(index).deepCopy());
        }
      }
      case 2 -> array.insert(index, randomNode(random, 2));
      case 3 -> {
        if (!array.isEmpty()) {
          array.set(index, deep(random.nextInt(300)));
        }
      }
      default -> array.removeAll();
    }
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode() && containers.size() < 500) {
      containers.add(node);
      Iterator<JsonNode> children = node.elements();
      while (children.hasNext()) {
        collect(children.next(), containers);
      }
    }
  }

  private static JsonNode deep(int depth) {
    JsonNode node = NODES.textNode("bottom");
    for (int i = 0; i < depth; i++) {
      node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("n", node);
    }
    return node;
  }

  private static JsonNode randomNode(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 10 : 8);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
      case 4 -> NODES.textNode(randomText(random));
      case 5 -> NODES.textNode(interesting(random));
      case 6 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(40))));
      case 7 -> NODES.textNode("");
      case 8 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(randomNode(random, depth - 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          object.set(randomText(random), randomNode(random, depth - 1));
        }
        yield object;
      }
    };
  }

  private static String interesting(Random random) {
    String[] values = {
      "1.0",
      "/Date(1795773600000)/",
      "/Date(99999999999999999999)/",
      "2026-11-27T10:00:00Z",
      "+999999999-12-31T23:59:59Z",
      "sap.s4.beh.equipment.v1.Equipment.Changed.v1",
      "sap.s4.beh.x.v1.Y.Created.v1",
      "collection",
      "created",
      "deleted",
      "Delete",
      "Create",
      "/api/v2.0/companies(1)/customers(2)",
      "/api/v2.0/companies(1)/customers?$filter=a%20b",
      "https://host/x(",
      "%",
      "%E2%82",
      "00000000-0000-0000-0000-000000000000",
      "\u0000\uD800",
      "AAAA"
    };
    return values[random.nextInt(values.length)];
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      text.append(
          (char) (random.nextInt(3) == 0 ? random.nextInt(0x3000) : 'a' + random.nextInt(26)));
    }
    return text.toString();
  }

  private static String abbreviate(JsonNode body) {
    String text = body.toString();
    return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "...";
  }
}
