package com.tgm.erpsync.sandbox.core;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a {@link SapSandbox} can be started with. Build with {@link #builder()}; every value
 * has a default fit for tests (ephemeral ports, 10,000 equipment records, seed 42).
 *
 * @param host address the servers bind to
 * @param port HTTP port of the S/4HANA services and admin API, 0 for an ephemeral one
 * @param eccHttpsPort HTTPS port of the ECC service, 0 for ephemeral, -1 for no HTTPS server
 * @param eccClientAuth whether the HTTPS server needs or only wants a client certificate
 * @param seed seed of the generated records
 * @param equipmentCount seeded S/4HANA equipment records (V2 and V4 share them)
 * @param functionalLocationCount seeded functional locations
 * @param maintenanceOrderCount seeded maintenance orders
 * @param eccEquipmentCount seeded ECC equipment records
 * @param maxPageSize largest page before server-driven paging
 * @param sapClient the only accepted {@code sap-client}
 * @param systemId SAP system id used in cookie names and realms
 * @param oauthClients OAuth client ids and secrets
 * @param users Basic users and passwords
 * @param tokenLifetime lifetime of access tokens
 * @param equipmentIfMatchRequired whether S/4HANA equipment writes need {@code If-Match}
 * @param knobs initial misbehaviour settings
 * @param webhook where business events are posted from the start (no extra headers), or null for no
 *     subscription until {@link SapSandbox#subscribeEvents} makes one
 * @param clock base clock for change timestamps and token expiry
 * @param journalCapacity most journal entries kept
 * @param v4AbsoluteNextLink whether V4 next links are absolute instead of relative
 * @param businessPartnerCount seeded Business One business partners (at most 1,000,000)
 * @param itemCount seeded Business One items (at most 1,000,000)
 * @param b1CompanyDb the only Business One company database the Service Layer logs in to
 * @param b1User the Service Layer user
 * @param b1Password the Service Layer user's password
 * @param b1SessionTimeout idle time after which a Service Layer session ends
 */
public record SandboxOptions(
    String host,
    int port,
    int eccHttpsPort,
    ClientAuth eccClientAuth,
    long seed,
    long equipmentCount,
    long functionalLocationCount,
    long maintenanceOrderCount,
    long eccEquipmentCount,
    int maxPageSize,
    String sapClient,
    String systemId,
    Map<String, String> oauthClients,
    Map<String, String> users,
    Duration tokenLifetime,
    boolean equipmentIfMatchRequired,
    Knobs.Settings knobs,
    URI webhook,
    Clock clock,
    int journalCapacity,
    boolean v4AbsoluteNextLink,
    long businessPartnerCount,
    long itemCount,
    String b1CompanyDb,
    String b1User,
    String b1Password,
    Duration b1SessionTimeout) {

  /** Client-certificate policy of the HTTPS server. */
  public enum ClientAuth {
    /** A trusted client certificate is required to connect (mutual TLS). */
    NEED,
    /** A client certificate is asked for; without one, Basic or Bearer must authenticate. */
    WANT
  }

  /** Default OAuth client id. */
  public static final String DEFAULT_CLIENT_ID = "tgm-sync";

  /** Default OAuth client secret. */
  public static final String DEFAULT_CLIENT_SECRET = "tgm-sync-secret";

  /** Default Basic user. */
  public static final String DEFAULT_USER = "TGM_SYNC";

  /** Default Basic password. */
  public static final String DEFAULT_PASSWORD = "Welcome1!";

  /** Default Business One company database. */
  public static final String DEFAULT_B1_COMPANY_DB = "SBODEMOUS";

  /** Default Business One user. */
  public static final String DEFAULT_B1_USER = "manager";

  /** Default password of the Business One user. */
  public static final String DEFAULT_B1_PASSWORD = "B1Admin!";

  /** Options with every default. */
  public static SandboxOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder of {@link SandboxOptions}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private int eccHttpsPort;
    private ClientAuth eccClientAuth = ClientAuth.NEED;
    private long seed = 42;
    private long equipmentCount = 10_000;
    private long functionalLocationCount = 1_000;
    private long maintenanceOrderCount = 1_000;
    private long eccEquipmentCount = 10_000;
    private int maxPageSize = 1000;
    private String sapClient = "100";
    private String systemId = "S4H";
    private final Map<String, String> oauthClients =
        new LinkedHashMap<>(Map.of(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET));
    private final Map<String, String> users =
        new LinkedHashMap<>(Map.of(DEFAULT_USER, DEFAULT_PASSWORD));
    private Duration tokenLifetime = Duration.ofHours(1);
    private boolean equipmentIfMatchRequired = true;
    private Knobs.Settings knobs = Knobs.Settings.defaults();
    private URI webhook;
    private Clock clock = Clock.systemUTC();
    private int journalCapacity = 100_000;
    private boolean v4AbsoluteNextLink;
    private long businessPartnerCount = 1_000;
    private long itemCount = 1_000;
    private String b1CompanyDb = DEFAULT_B1_COMPANY_DB;
    private String b1User = DEFAULT_B1_USER;
    private String b1Password = DEFAULT_B1_PASSWORD;
    private Duration b1SessionTimeout = Duration.ofMinutes(30);

    private Builder() {}

    /** Address to bind. */
    public Builder host(String v) {
      host = v;
      return this;
    }

    /** HTTP port, 0 for ephemeral. */
    public Builder port(int v) {
      port = v;
      return this;
    }

    /** HTTPS port of ECC, 0 for ephemeral, -1 for none. */
    public Builder eccHttpsPort(int v) {
      eccHttpsPort = v;
      return this;
    }

    /** Client-certificate policy of the HTTPS server. */
    public Builder eccClientAuth(ClientAuth v) {
      eccClientAuth = v;
      return this;
    }

    /** Seed of the generated data. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Seeded S/4HANA equipment records (up to millions, generated on demand). */
    public Builder equipmentCount(long v) {
      equipmentCount = v;
      return this;
    }

    /** Seeded functional locations. */
    public Builder functionalLocationCount(long v) {
      functionalLocationCount = v;
      return this;
    }

    /** Seeded maintenance orders. */
    public Builder maintenanceOrderCount(long v) {
      maintenanceOrderCount = v;
      return this;
    }

    /** Seeded ECC equipment records. */
    public Builder eccEquipmentCount(long v) {
      eccEquipmentCount = v;
      return this;
    }

    /** Largest page before server-driven paging. */
    public Builder maxPageSize(int v) {
      maxPageSize = v;
      return this;
    }

    /** The accepted {@code sap-client}. */
    public Builder sapClient(String v) {
      sapClient = v;
      return this;
    }

    /** SAP system id. */
    public Builder systemId(String v) {
      systemId = v;
      return this;
    }

    /** Adds an OAuth client. */
    public Builder oauthClient(String id, String secret) {
      oauthClients.put(id, secret);
      return this;
    }

    /** Adds a Basic user. */
    public Builder user(String name, String password) {
      users.put(name, password);
      return this;
    }

    /** Lifetime of access tokens. */
    public Builder tokenLifetime(Duration v) {
      tokenLifetime = v;
      return this;
    }

    /** Whether equipment writes need {@code If-Match}. */
    public Builder equipmentIfMatchRequired(boolean v) {
      equipmentIfMatchRequired = v;
      return this;
    }

    /** Initial knobs. */
    public Builder knobs(Knobs.Settings v) {
      knobs = v;
      return this;
    }

    /** Webhook receiving business events from the start, without extra headers. */
    public Builder webhook(URI v) {
      webhook = v;
      return this;
    }

    /** Base clock. */
    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    /** Most journal entries kept. */
    public Builder journalCapacity(int v) {
      journalCapacity = v;
      return this;
    }

    /** Absolute instead of relative V4 next links. */
    public Builder v4AbsoluteNextLink(boolean v) {
      v4AbsoluteNextLink = v;
      return this;
    }

    /** Seeded Business One business partners (at most 1,000,000, generated on demand). */
    public Builder businessPartnerCount(long v) {
      businessPartnerCount = v;
      return this;
    }

    /** Seeded Business One items (at most 1,000,000, generated on demand). */
    public Builder itemCount(long v) {
      itemCount = v;
      return this;
    }

    /** The Business One company database ({@code CompanyDB} of the login). */
    public Builder b1CompanyDb(String v) {
      b1CompanyDb = v;
      return this;
    }

    /** The Business One user and password. */
    public Builder b1User(String name, String password) {
      b1User = name;
      b1Password = password;
      return this;
    }

    /** Idle time after which a Service Layer session ends (answered as whole minutes). */
    public Builder b1SessionTimeout(Duration v) {
      b1SessionTimeout = v;
      return this;
    }

    /** The options. */
    public SandboxOptions build() {
      return new SandboxOptions(
          host,
          port,
          eccHttpsPort,
          eccClientAuth,
          seed,
          equipmentCount,
          functionalLocationCount,
          maintenanceOrderCount,
          eccEquipmentCount,
          maxPageSize,
          sapClient,
          systemId,
          Map.copyOf(oauthClients),
          Map.copyOf(users),
          tokenLifetime,
          equipmentIfMatchRequired,
          knobs,
          webhook,
          clock,
          journalCapacity,
          v4AbsoluteNextLink,
          businessPartnerCount,
          itemCount,
          b1CompanyDb,
          b1User,
          b1Password,
          b1SessionTimeout);
    }
  }
}
