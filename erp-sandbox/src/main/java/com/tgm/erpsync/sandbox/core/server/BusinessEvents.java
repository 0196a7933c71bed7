package com.tgm.erpsync.sandbox.core.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tgm.erpsync.sandbox.core.data.EntitySetDefinition;
import com.tgm.erpsync.sandbox.core.http.Reply;
import com.tgm.erpsync.sandbox.core.odata.ChangeListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes S/4HANA business events as structured CloudEvents to a webhook, e.g. {@code
 * sap.s4.beh.equipment.v1.Equipment.Changed.v1} with only the key in {@code data}.
 */
public final class BusinessEvents implements ChangeListener {

  private final URI webhook;
  private final String source;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Events posted to {@code webhook} (none when null), with a source naming the system. */
  public BusinessEvents(URI webhook, String systemId, String sapClient, Clock clock) {
    this.webhook = webhook;
    this.source = "/default/sap.s4.beh/" + systemId + "CLNT" + sapClient;
    this.clock = clock;
  }

  @Override
  public void changed(EntitySetDefinition definition, String operation, Map<String, Object> key) {
    if (webhook == null || definition.eventObject() == null) {
      return;
    }
    String object = definition.entitySet();
    String type =
        "sap.s4.beh." + definition.eventObject() + ".v1." + object + "." + operation + ".v1";
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(definition.keyFields().get(0), String.valueOf(key.get(definition.keyFields().get(0))));
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("type", type);
    event.put("source", source);
    event.put("subject", String.valueOf(key.get(definition.keyFields().get(0))));
    event.put("id", UUID.randomUUID().toString());
    event.put("time", clock.instant().toString());
    event.put("datacontenttype", "application/json");
    event.put("data", data);
    try {
      HttpRequest request =
          HttpRequest.newBuilder(webhook)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/cloudevents+json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(Reply.JSON.writeValueAsBytes(event)))
              .build();
      http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
