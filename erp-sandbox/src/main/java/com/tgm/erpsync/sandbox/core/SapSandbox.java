package com.tgm.erpsync.sandbox.core;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import com.tgm.erpsync.sandbox.core.b1.ServiceLayer;
import com.tgm.erpsync.sandbox.core.b1.Sessions;
import com.tgm.erpsync.sandbox.core.data.BusinessPartnerGenerator;
import com.tgm.erpsync.sandbox.core.data.EccEquipmentGenerator;
import com.tgm.erpsync.sandbox.core.data.EntityStore;
import com.tgm.erpsync.sandbox.core.data.EquipmentGenerator;
import com.tgm.erpsync.sandbox.core.data.FunctionalLocationGenerator;
import com.tgm.erpsync.sandbox.core.data.ItemGenerator;
import com.tgm.erpsync.sandbox.core.data.MaintenanceOrderGenerator;
import com.tgm.erpsync.sandbox.core.journal.RequestJournal;
import com.tgm.erpsync.sandbox.core.odata.BatchProcessor;
import com.tgm.erpsync.sandbox.core.odata.Flavor;
import com.tgm.erpsync.sandbox.core.odata.ODataService;
import com.tgm.erpsync.sandbox.core.server.AccessControl;
import com.tgm.erpsync.sandbox.core.server.AdminApi;
import com.tgm.erpsync.sandbox.core.server.BusinessEvents;
import com.tgm.erpsync.sandbox.core.server.Gateway;
import com.tgm.erpsync.sandbox.core.tls.ClientIdentity;
import com.tgm.erpsync.sandbox.core.tls.SandboxTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An in-process simulator of SAP S/4HANA (OData V2 and V4), SAP ECC (custom Gateway V2 over mutual
 * TLS) and the SAP Business One Service Layer ({@code /b1s/v1}, {@code /b1s/v2}), for tests of the
 * SAP connector over real HTTP.
 *
 * <pre>{@code
 * try (SapSandbox sap = SapSandbox.start(SandboxOptions.defaults())) {
 *   URI equipment = sap.baseUri().resolve(SapSandbox.S4_EQUIPMENT_V2 + "/Equipment");
 *   ...
 *   assertThat(sap.journal().find(JournalFilter.all().method("PATCH"))).hasSize(1);
 * }
 * }</pre>
 */
public final class SapSandbox implements AutoCloseable {

  /** Root of the S/4HANA equipment V2 service. */
  public static final String S4_EQUIPMENT_V2 = "/sap/opu/odata/sap/API_EQUIPMENT";

  /** Root of the S/4HANA equipment V4 service. */
  public static final String S4_EQUIPMENT_V4 =
      "/sap/opu/odata4/sap/api_equipment/srvd_a2x/sap/equipment/0001";

  /** Root of the S/4HANA functional location V2 service. */
  public static final String S4_FUNCTIONAL_LOCATION_V2 =
      "/sap/opu/odata/sap/API_FUNCTIONALLOCATION";

  /** Root of the S/4HANA maintenance order V2 service. */
  public static final String S4_MAINTENANCE_ORDER_V2 = "/sap/opu/odata/sap/API_MAINTENANCEORDER";

  /** Root of the ECC custom equipment service. */
  public static final String ECC_EQUIPMENT = "/sap/opu/odata/sap/ZPM_EQUIPMENT_SRV";

  /** Root of the Business One Service Layer, OData V3 flavour. */
  public static final String B1_V1 = "/b1s/v1";

  /** Root of the Business One Service Layer, OData V4 flavour. */
  public static final String B1_V2 = "/b1s/v2";

  /** OAuth 2.0 token endpoint. */
  public static final String TOKEN_PATH = AccessControl.TOKEN_PATH;

  private final SandboxOptions options;
  private final SandboxClock clock;
  private final Knobs knobs;
  private final RequestJournal journal;
  private final AccessControl access;
  private final SandboxTls tls;
  private final Sessions b1Sessions;
  private final Map<String, EntityStore> stores = new LinkedHashMap<>();
  private final BusinessEvents events;
  private final ExecutorService executor;
  private final HttpServer http;
  private final HttpsServer https;

  private SapSandbox(SandboxOptions o) throws IOException {
    this.options = o;
    this.clock = new SandboxClock(o.clock());
    this.knobs = new Knobs(o.knobs());
    this.journal = new RequestJournal(o.journalCapacity(), Clock.systemUTC());
    this.access =
        new AccessControl(
            o.oauthClients(), o.users(), o.tokenLifetime(), clock, o.systemId(), o.sapClient());
    Object lock = new Object();
    EntityStore equipment =
        new EntityStore(
            EquipmentGenerator.definition("Equipment", o.equipmentIfMatchRequired()),
            new EquipmentGenerator(o.seed(), o.equipmentCount()),
            o.equipmentCount(),
            clock,
            lock);
    EntityStore functionalLocations =
        new EntityStore(
            FunctionalLocationGenerator.definition(),
            new FunctionalLocationGenerator(o.seed()),
            o.functionalLocationCount(),
            clock,
            lock);
    EntityStore orders =
        new EntityStore(
            MaintenanceOrderGenerator.definition(),
            new MaintenanceOrderGenerator(o.seed(), o.maintenanceOrderCount()),
            o.maintenanceOrderCount(),
            clock,
            lock);
    EntityStore ecc =
        new EntityStore(
            EccEquipmentGenerator.definition(false),
            new EccEquipmentGenerator(o.seed(), o.eccEquipmentCount()),
            o.eccEquipmentCount(),
            clock,
            lock);
    stores.put("Equipment", equipment);
    stores.put("FunctionalLocation", functionalLocations);
    stores.put("MaintenanceOrder", orders);
    stores.put("EquipmentSet", ecc);
    EntityStore partners =
        new EntityStore(
            BusinessPartnerGenerator.definition(),
            new BusinessPartnerGenerator(o.seed(), o.businessPartnerCount()),
            o.businessPartnerCount(),
            clock,
            lock);
    EntityStore items =
        new EntityStore(
            ItemGenerator.definition(),
            new ItemGenerator(o.seed(), o.itemCount()),
            o.itemCount(),
            clock,
            lock);
    stores.put("BusinessPartners", partners);
    stores.put("Items", items);
    this.b1Sessions = new Sessions(o.b1SessionTimeout(), clock);
    ServiceLayer serviceLayer =
        new ServiceLayer(
            Map.of(
                "BusinessPartners",
                new ServiceLayer.EntitySet(
                    partners,
                    "Code undefined  [OCRD.CardCode]",
                    code ->
                        "1320000140 - Business partner code '"
                            + code
                            + "' already assigned to a business partner; enter a unique business"
                            + " partner code"),
                "Items",
                new ServiceLayer.EntitySet(
                    items,
                    "Item code undefined  [OITM.ItemCode]",
                    code -> "This entry already exists in the following tables (ODBC -2035)")),
            b1Sessions,
            o.b1CompanyDb(),
            o.b1User(),
            o.b1Password());
    this.events = new BusinessEvents(o.systemId(), o.sapClient(), clock);
    if (o.webhook() != null) {
      events.subscribe(new BusinessEvents.Subscription(o.webhook(), Map.of()));
    }
    BatchProcessor batch = new BatchProcessor(journal, lock);
    List<ODataService> services =
        List.of(
            service(
                S4_EQUIPMENT_V2,
                Flavor.V2,
                "API_EQUIPMENT",
                "API_EQUIPMENT",
                equipment,
                events,
                batch),
            service(
                S4_EQUIPMENT_V4,
                Flavor.V4,
                "API_EQUIPMENT",
                "com.sap.gateway.srvd_a2x.api_equipment.v0001",
                equipment,
                events,
                batch),
            service(
                S4_FUNCTIONAL_LOCATION_V2,
                Flavor.V2,
                "API_FUNCTIONALLOCATION",
                "API_FUNCTIONALLOCATION",
                functionalLocations,
                events,
                batch),
            service(
                S4_MAINTENANCE_ORDER_V2,
                Flavor.V2,
                "API_MAINTENANCEORDER",
                "API_MAINTENANCEORDER",
                orders,
                events,
                batch),
            service(
                ECC_EQUIPMENT,
                Flavor.V2,
                "ZPM_EQUIPMENT_SRV",
                "ZPM_EQUIPMENT_SRV",
                ecc,
                events,
                batch));
    this.tls = o.eccHttpsPort() < 0 ? null : SandboxTls.generate();
    AdminApi admin =
        new AdminApi(
            knobs,
            journal,
            access,
            clock,
            tls,
            this::reset,
            this::status,
            b1Sessions::expireAll,
            events);
    Gateway gateway =
        new Gateway(services, serviceLayer, access, journal, knobs, admin, o.sapClient());
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sap-sandbox-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.http = HttpServer.create(new InetSocketAddress(o.host(), o.port()), 200);
    http.createContext("/", gateway);
    http.setExecutor(executor);
    if (tls != null) {
      this.https = HttpsServer.create(new InetSocketAddress(o.host(), o.eccHttpsPort()), 200);
      https.setHttpsConfigurator(configurator(tls.serverContext(), o.eccClientAuth()));
      https.createContext("/", gateway);
      https.setExecutor(executor);
      https.start();
    } else {
      this.https = null;
    }
    http.start();
  }

  /** Starts a sandbox; close it to stop its servers. */
  public static SapSandbox start(SandboxOptions options) {
    try {
      return new SapSandbox(options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the SAP sandbox", e);
    }
  }

  private ODataService service(
      String root,
      Flavor flavor,
      String serviceId,
      String namespace,
      EntityStore store,
      BusinessEvents events,
      BatchProcessor batch) {
    return new ODataService(
        new ODataService.Spec(
            root, flavor, serviceId, namespace, Map.of(store.definition().entitySet(), store)),
        options.maxPageSize(),
        options.v4AbsoluteNextLink(),
        events,
        batch);
  }

  private static HttpsConfigurator configurator(
      SSLContext context, SandboxOptions.ClientAuth clientAuth) {
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = context.getDefaultSSLParameters();
        if (clientAuth == SandboxOptions.ClientAuth.NEED) {
          p.setNeedClientAuth(true);
        } else {
          p.setWantClientAuth(true);
        }
        params.setSSLParameters(p);
      }
    };
  }

  /** {@code http://host:port} of the S/4HANA services, the token endpoint and the admin API. */
  public URI baseUri() {
    return URI.create("http://" + hostName() + ":" + http.getAddress().getPort());
  }

  /** {@code https://localhost:port} of the TLS server (ECC, also serving everything else). */
  public URI eccBaseUri() {
    if (https == null) {
      throw new IllegalStateException("the HTTPS server is off (eccHttpsPort = -1)");
    }
    return URI.create("https://localhost:" + https.getAddress().getPort());
  }

  private String hostName() {
    return options.host().equals("0.0.0.0") ? "localhost" : options.host();
  }

  /** The options the sandbox was started with. */
  public SandboxOptions options() {
    return options;
  }

  /** The request journal. */
  public RequestJournal journal() {
    return journal;
  }

  /** The knobs, changeable while running. */
  public Knobs knobs() {
    return knobs;
  }

  /** The sandbox clock, which stamps changes and expires tokens. */
  public SandboxClock clock() {
    return clock;
  }

  /**
   * The store behind an entity set: Equipment, FunctionalLocation, MaintenanceOrder, EquipmentSet,
   * BusinessPartners, Items.
   */
  public EntityStore store(String entitySet) {
    return stores.get(entitySet);
  }

  /** Invalidates every CSRF token; the next write gets 403 with {@code X-CSRF-Token: Required}. */
  public void expireCsrfTokens() {
    access.expireCsrfTokens();
  }

  /**
   * Ends every Business One Service Layer session; the next call of each client gets 401 with code
   * 301 ("Invalid session or session already timeout.").
   */
  public void expireB1Sessions() {
    b1Sessions.expireAll();
  }

  /** Number of Business One sessions not ended (by logout, expiry or reset). */
  public int b1SessionCount() {
    return b1Sessions.count();
  }

  /** Invalidates every OAuth access token. */
  public void expireAccessTokens() {
    access.expireAccessTokens();
  }

  /** The self-signed certificate of the HTTPS server. */
  public X509Certificate serverCertificate() {
    return requireTls().serverCertificate();
  }

  /** The HTTPS server's certificate in PEM, for a client truststore. */
  public String serverCertificatePem() {
    return requireTls().serverCertificatePem();
  }

  /** Issues a client certificate (with PKCS#12 keystore) the HTTPS server accepts. */
  public ClientIdentity issueClientCertificate(String commonName) {
    return requireTls().issueClientCertificate(commonName);
  }

  /** An SSL context that trusts the HTTPS server without presenting a client certificate. */
  public SSLContext trustingSslContext() {
    return requireTls().trustingContext();
  }

  private SandboxTls requireTls() {
    if (tls == null) {
      throw new IllegalStateException("the HTTPS server is off (eccHttpsPort = -1)");
    }
    return tls;
  }

  /**
   * Sends the S/4HANA business events of every later change to {@code endpoint} with {@code
   * headers} (e.g. {@code X-Webhook-Secret}), as an SAP Event Mesh webhook subscription does:
   * structured CloudEvents, delivered at least once, in order, retried on connection failures, 429
   * and 5xx. Replaces any earlier subscription, including the one of {@link
   * SandboxOptions#webhook()}.
   */
  public void subscribeEvents(URI endpoint, Map<String, String> headers) {
    events.subscribe(new BusinessEvents.Subscription(endpoint, headers));
  }

  /** Raises no more business events; those not delivered yet are abandoned. */
  public void unsubscribeEvents() {
    events.unsubscribe();
  }

  /**
   * What became of the business events so far: emitted, delivered, rejected, retried, abandoned.
   */
  public BusinessEvents.Deliveries eventDeliveries() {
    return events.deliveries();
  }

  /** Forgets all data changes, the journal, sessions, tokens and knob settings. */
  public void reset() {
    stores.values().forEach(EntityStore::reset);
    journal.clear();
    access.expireCsrfTokens();
    access.expireAccessTokens();
    b1Sessions.expireAll();
    knobs.reset();
  }

  private Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("baseUri", baseUri().toString());
    s.put("eccBaseUri", https == null ? null : eccBaseUri().toString());
    Map<String, Object> counts = new LinkedHashMap<>();
    stores.forEach((name, store) -> counts.put(name, store.seededCount()));
    s.put("seeded", counts);
    s.put("b1Sessions", b1Sessions.count());
    s.put("knobs", knobs.settings());
    s.put("pendingFailures", knobs.pendingFailures());
    s.put("now", clock.instant().toString());
    BusinessEvents.Subscription subscription = events.subscription();
    s.put("eventSubscription", subscription == null ? null : subscription.endpoint().toString());
    s.put("eventDeliveries", events.deliveries());
    return s;
  }

  /** Whether the servers are running. */
  public boolean isRunning() {
    return !executor.isShutdown();
  }

  @Override
  public void close() {
    http.stop(0);
    if (https != null) {
      https.stop(0);
    }
    executor.shutdownNow();
    events.close();
  }
}
