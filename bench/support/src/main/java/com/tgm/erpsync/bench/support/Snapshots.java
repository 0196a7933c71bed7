package com.tgm.erpsync.bench.support;

import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ConflictResolution;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.testsupport.KafkaEndpoint;
import com.tgm.erpsync.testsupport.TestProducer;
import com.tgm.erpsync.testsupport.connector.ContractJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Connection and mapping snapshots as connection-service and mapping-service would publish them,
 * written to the compacted topics directly: the orchestrator and the connectors need nothing else.
 */
public final class Snapshots {
  private static final String SOURCE = "bench";

  private Snapshots() {}

  /** An enabled SAP S/4HANA connection with sync enabled; change what a benchmark needs. */
  public static Connection sapConnection(long id) {
    return new Connection(id);
  }

  /** An enabled mapping of {@code batchSize} (the page size inbound, the command size outbound). */
  public static MappingSnapshot mapping(
      long id,
      long connectionId,
      EntityType entity,
      String erpEntity,
      SyncDirection direction,
      int batchSize,
      String deltaField,
      List<FieldMappingSpec> fields,
      long version) {
    return new MappingSnapshot(
        MessageMeta.create(SOURCE),
        id,
        connectionId,
        entity,
        erpEntity,
        true,
        direction,
        ConflictResolution.ERP_WINS,
        batchSize,
        deltaField,
        null,
        fields,
        version,
        Instant.now());
  }

  /** A field mapping; key fields are required. */
  public static FieldMappingSpec field(
      String tgm,
      String erp,
      FieldType type,
      SyncDirection direction,
      boolean key,
      Map<String, String> valueMap,
      String format) {
    return new FieldMappingSpec(tgm, erp, type, direction, key, key, valueMap, null, format, null);
  }

  public static void publish(KafkaEndpoint kafka, ConnectionSnapshot connection) {
    try (TestProducer producer = new TestProducer(kafka)) {
      producer.send(
          Topics.CONNECTIONS,
          Topics.connectionKey(connection.id()),
          ContractJson.write(connection));
    }
  }

  public static void publish(KafkaEndpoint kafka, MappingSnapshot mapping) {
    try (TestProducer producer = new TestProducer(kafka)) {
      producer.send(Topics.MAPPINGS, Long.toString(mapping.id()), ContractJson.write(mapping));
    }
  }

  /** A connection snapshot under construction. */
  public static final class Connection {
    private final long id;
    private String name = "Benchmark SAP";
    private String description = "benchmark";
    private AuthType authType = AuthType.OAUTH2;
    private String baseUrl = "https://sap.example.com";
    private SyncDirection direction = SyncDirection.INBOUND;
    private String clientId = "client";
    private String username;
    private String sapSystemId = "PRD";
    private Map<String, EncryptedSecret> secrets = Map.of();
    private int rateLimitRequests = 100;
    private int rateLimitPeriodSeconds = 60;
    private int maxConcurrentRequests = 5;
    private long version = 1;
    private boolean webhookEnabled;
    private Map<String, Object> settings = Map.of();

    private Connection(long id) {
      this.id = id;
    }

    public Connection name(String value) {
      name = value;
      return this;
    }

    public Connection description(String value) {
      description = value;
      return this;
    }

    /** Basic authentication as {@code user}, the password sealed as the vault seals it. */
    public Connection basic(String user, EncryptedSecret password) {
      authType = AuthType.BASIC;
      clientId = null;
      username = user;
      secrets = Map.of(ConnectionSnapshot.PASSWORD, password);
      return this;
    }

    public Connection baseUrl(String value) {
      baseUrl = value;
      return this;
    }

    public Connection direction(SyncDirection value) {
      direction = value;
      return this;
    }

    public Connection sapSystemId(String value) {
      sapSystemId = value;
      return this;
    }

    /** At most {@code requests} per {@code periodSeconds}; 0 for no limit. */
    public Connection rateLimit(int requests, int periodSeconds) {
      rateLimitRequests = requests;
      rateLimitPeriodSeconds = periodSeconds;
      return this;
    }

    public Connection maxConcurrentRequests(int value) {
      maxConcurrentRequests = value;
      return this;
    }

    /**
     * Webhooks on, with this webhook secret (sealed as the vault seals it) and these connection
     * settings (e.g. the gateway's {@code webhookRateLimit}).
     */
    public Connection webhooks(EncryptedSecret secret, Map<String, Object> connectionSettings) {
      webhookEnabled = true;
      Map<String, EncryptedSecret> all = new java.util.HashMap<>(secrets);
      all.put(ConnectionSnapshot.WEBHOOK_SECRET, secret);
      secrets = Map.copyOf(all);
      settings = Map.copyOf(connectionSettings);
      return this;
    }

    /** The snapshot's version: services rebuild what they keep per connection when it changes. */
    public Connection version(long value) {
      version = value;
      return this;
    }

    public ConnectionSnapshot build() {
      return new ConnectionSnapshot(
          MessageMeta.create(SOURCE),
          id,
          name,
          description,
          ErpType.SAP_S4HANA,
          authType,
          baseUrl,
          true,
          true,
          direction,
          60,
          webhookEnabled,
          clientId,
          username,
          "100",
          sapSystemId,
          "00",
          "EN",
          null,
          null,
          null,
          null,
          null,
          settings,
          secrets,
          3,
          1,
          rateLimitRequests,
          rateLimitPeriodSeconds,
          maxConcurrentRequests,
          version,
          Instant.now());
    }
  }
}
