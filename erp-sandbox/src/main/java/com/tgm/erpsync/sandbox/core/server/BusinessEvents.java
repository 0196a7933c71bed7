package com.tgm.erpsync.sandbox.core.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tgm.erpsync.sandbox.core.data.EntitySetDefinition;
import com.tgm.erpsync.sandbox.core.http.Reply;
import com.tgm.erpsync.sandbox.core.odata.ChangeListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes S/4HANA business events as structured CloudEvents ({@code
 * application/cloudevents+json}) to a webhook subscription, as SAP Event Mesh does, e.g. {@code
 * sap.s4.beh.equipment.v1.Equipment.Changed.v1} with only the key in {@code data}.
 *
 * <p>The subscription (endpoint and headers, such as {@code X-Webhook-Secret}) can be set, changed
 * and removed while the sandbox runs. A change made while there is no subscription raises no event.
 * Events are queued and delivered one after the other by a single thread, in the order of the
 * changes, so the request that made a change never waits for its delivery. Delivery is at least
 * once: a connection failure, a timeout, a 429 or a 5xx is retried with a growing pause ({@code
 * Retry-After} seconds when the answer has one) until the retry period is over, when the event is
 * abandoned; a 2xx means delivered; any other answer means rejected, and the event is not sent
 * again. An event still queued when the subscription is removed is abandoned.
 */
public final class BusinessEvents implements ChangeListener, AutoCloseable {

  /** Most events waiting for delivery; an event beyond that is abandoned at once. */
  public static final int QUEUE_CAPACITY = 100_000;

  /**
   * Where events go.
   *
   * @param endpoint the webhook URL
   * @param headers sent with every event (Content-Type excepted, which is always {@code
   *     application/cloudevents+json})
   */
  public record Subscription(URI endpoint, Map<String, String> headers) {

    /** A subscription, its headers checked to be sendable. */
    public Subscription {
      Objects.requireNonNull(endpoint, "endpoint");
      headers = Map.copyOf(headers == null ? Map.of() : headers);
      HttpRequest.Builder probe = HttpRequest.newBuilder(endpoint);
      headers.forEach(probe::header);
    }
  }

  /**
   * How failed deliveries are retried.
   *
   * @param firstPause pause before the first retry
   * @param longestPause the pause doubles up to this
   * @param retryPeriod an event not delivered this long after its first attempt is abandoned
   * @param requestTimeout how long one attempt waits for an answer
   */
  public record RetryPolicy(
      Duration firstPause, Duration longestPause, Duration retryPeriod, Duration requestTimeout) {

    /** 100 ms doubling to 5 s, abandoned after 2 minutes, 10 s per attempt. */
    public static final RetryPolicy DEFAULT =
        new RetryPolicy(
            Duration.ofMillis(100),
            Duration.ofSeconds(5),
            Duration.ofMinutes(2),
            Duration.ofSeconds(10));
  }

  /**
   * What became of the events so far.
   *
   * @param emitted events raised while subscribed
   * @param delivered events answered with 2xx
   * @param rejected events answered with a 4xx other than 429, not sent again
   * @param retried attempts that repeated an earlier, failed one
   * @param abandoned events given up: retry period over, queue full, or subscription removed
   */
  public record Deliveries(
      long emitted, long delivered, long rejected, long retried, long abandoned) {

    /** Events neither delivered, rejected nor abandoned yet. */
    public long pending() {
      return emitted - delivered - rejected - abandoned;
    }
  }

  private record Event(String id, byte[] body) {}

  private final String source;
  private final Clock clock;
  private final RetryPolicy retry;
  private final HttpClient http;
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread sender;
  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private volatile Subscription subscription;
  private volatile boolean closed;

  /** Events with a source naming the system, retried as {@link RetryPolicy#DEFAULT} says. */
  public BusinessEvents(String systemId, String sapClient, Clock clock) {
    this(systemId, sapClient, clock, RetryPolicy.DEFAULT);
  }

  /** Events with a source naming the system, retried as {@code retry} says. */
  public BusinessEvents(String systemId, String sapClient, Clock clock, RetryPolicy retry) {
    this.source = "/default/sap.s4.beh/" + systemId + "CLNT" + sapClient;
    this.clock = clock;
    this.retry = retry;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.sender = new Thread(this::deliverAll, "sap-sandbox-events");
    sender.setDaemon(true);
    sender.start();
  }

  /** Sends the events of every later change to {@code subscription}, replacing any earlier one. */
  public void subscribe(Subscription subscription) {
    this.subscription = Objects.requireNonNull(subscription, "subscription");
  }

  /** Raises no more events; those still queued are abandoned. */
  public void unsubscribe() {
    this.subscription = null;
  }

  /** The current subscription, or null. */
  public Subscription subscription() {
    return subscription;
  }

  /** The counts so far. */
  public Deliveries deliveries() {
    return new Deliveries(
        emitted.get(), delivered.get(), rejected.get(), retried.get(), abandoned.get());
  }

  @Override
  public void changed(EntitySetDefinition definition, String operation, Map<String, Object> key) {
    if (subscription == null || closed || definition.eventObject() == null) {
      return;
    }
    String keyField = definition.keyFields().get(0);
    String keyValue = String.valueOf(key.get(keyField));
    String type =
        "sap.s4.beh."
            + definition.eventObject()
            + ".v1."
            + definition.entitySet()
            + "."
            + operation
            + ".v1";
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(keyField, keyValue);
    String id = UUID.randomUUID().toString();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("type", type);
    event.put("source", source);
    event.put("subject", keyValue);
    event.put("id", id);
    event.put("time", clock.instant().toString());
    event.put("datacontenttype", "application/json");
    event.put("data", data);
    byte[] body;
    try {
      body = Reply.JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    emitted.incrementAndGet();
    if (!queue.offer(new Event(id, body))) {
      abandoned.incrementAndGet();
    }
  }

  private void deliverAll() {
    try {
      while (!closed) {
        deliver(queue.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(Event event) throws InterruptedException {
    long giveUpAt = System.nanoTime() + retry.retryPeriod().toNanos();
    Duration pause = retry.firstPause();
    for (int attempt = 0; ; attempt++) {
      Subscription target = subscription;
      if (target == null) {
        abandoned.incrementAndGet();
        return;
      }
      if (attempt > 0) {
        retried.incrementAndGet();
      }
      Duration wait = pause;
      try {
        HttpResponse<Void> answer =
            http.send(request(target, event), HttpResponse.BodyHandlers.discarding());
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
          delivered.incrementAndGet();
          return;
        }
        if (status != 429 && status < 500) {
          rejected.incrementAndGet();
          return;
        }
        Duration asked = retryAfter(answer);
        if (asked != null) {
          wait = asked;
        }
      } catch (IOException | IllegalArgumentException e) {
        // not answered: try again after the pause
      }
      long left = giveUpAt - System.nanoTime();
      if (left <= 0 || closed) {
        abandoned.incrementAndGet();
        return;
      }
      Thread.sleep(Math.max(0, Math.min(wait.toMillis(), Duration.ofNanos(left).toMillis())));
      pause = min(pause.multipliedBy(2), retry.longestPause());
    }
  }

  private HttpRequest request(Subscription target, Event event) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.endpoint()).timeout(retry.requestTimeout());
    target.headers().entrySet().stream()
        .filter(header -> !header.getKey().equalsIgnoreCase("Content-Type"))
        .forEach(header -> request.header(header.getKey(), header.getValue()));
    return request
        .header("Content-Type", "application/cloudevents+json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()))
        .build();
  }

  /** The pause a {@code Retry-After} of whole seconds asks for, or null when there is none. */
  private static Duration retryAfter(HttpResponse<?> answer) {
    return answer
        .headers()
        .firstValue("Retry-After")
        .map(String::strip)
        .filter(value -> value.matches("\\d{1,6}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value)))
        .orElse(null);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Stops delivering; queued events are dropped. */
  @Override
  public void close() {
    closed = true;
    sender.interrupt();
  }
}
