package com.tgm.erpsync.localstack;

import com.tgm.erpsync.contracts.Topics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./local-stack}: PostgreSQL, a KRaft Kafka broker, the topics and every service on this
 * machine, without Docker; Ctrl-C stops them all. State lives in {@code .local/} at the repo root.
 */
public final class LocalStack {

  static final int DEFAULT_PG_PORT = 15432;

  private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final String USAGE =
      String.join(
          "\n",
          "usage: ./local-stack [--no-build] [--only-infra] [--no-demo] [--clean] [--pg-port N]",
          "       ./local-stack token [hours]",
          "  --no-build    do not run ./mvnw install first",
          "  --only-infra  PostgreSQL, Kafka and the topics only (to run a service in dev mode)",
          "  --no-demo     do not create the demo connection to the sandbox's S/4HANA and its"
              + " mapping",
          "  --clean       delete .local/postgres and .local/kafka first (secrets and logs stay)",
          "  --pg-port N   PostgreSQL port (default " + DEFAULT_PG_PORT + ")",
          "  token [hours] mint a fresh admin JWT into .local/secrets/admin.jwt (default 12 h)");

  record Options(boolean onlyInfra, boolean noDemo, boolean clean, int pgPort, boolean help) {

    static Options parse(String[] args) {
      boolean onlyInfra = false;
      boolean noDemo = false;
      boolean clean = false;
      boolean help = false;
      int pgPort = DEFAULT_PG_PORT;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--only-infra")) {
          onlyInfra = true;
        } else if (arg.equals("--no-demo")) {
          noDemo = true;
        } else if (arg.equals("--clean")) {
          clean = true;
        } else if (arg.equals("-h") || arg.equals("--help")) {
          help = true;
        } else if (arg.equals("--pg-port") || arg.startsWith("--pg-port=")) {
          String value;
          if (arg.equals("--pg-port")) {
            if (i + 1 == args.length) {
              throw new IllegalArgumentException("--pg-port needs a port number");
            }
            value = args[++i];
          } else {
            value = arg.substring("--pg-port=".length());
          }
          pgPort = parsePort(value);
        } else {
          throw new IllegalArgumentException("unknown argument: " + arg);
        }
      }
      return new Options(onlyInfra, noDemo, clean, pgPort, help);
    }

    private static int parsePort(String value) {
      try {
        int port = Integer.parseInt(value);
        if (port > 0 && port < 65536) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("not a port number: " + value);
    }
  }

  private final Options options;
  private final StateDir state;

  // Everything started, in start order; guarded by `this` so that a Ctrl-C in the middle of a
  // start either waits for it or prevents it, and never leaves a process behind.
  private LocalPostgres postgres;
  private ManagedProcess kafka;
  private final List<ManagedProcess> services = new ArrayList<>();
  private boolean stopped;

  private String jdbcUrl;
  private LocalSecrets secrets;
  private String adminToken;
  private DemoSeed.Demo demo;

  private LocalStack(Options options, StateDir state) {
    this.options = options;
    this.state = state;
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(USAGE);
      return;
    }
    LocalStack stack;
    try {
      stack = new LocalStack(options, StateDir.fromWorkingDirectory());
    } catch (StartupException e) {
      StackLog.error(e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
    try {
      stack.start();
      stack.seedDemo();
      stack.printBanner();
      stack.watch();
    } catch (Exception e) {
      if (!stack.isStopped()) {
        StackLog.error(e instanceof StartupException ? e.getMessage() : e.toString());
        if (!(e instanceof StartupException)) {
          e.printStackTrace(System.out);
        }
      }
      stack.stop();
      System.exit(1);
    }
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void start() throws Exception {
    if (!options.onlyInfra()) {
      checkServiceJars();
    }
    checkPortsFree();
    if (options.clean()) {
      StackLog.info("--clean: deleting .local/postgres and .local/kafka");
      state.cleanData();
    }
    state.createDirectories();

    secrets = LocalSecrets.loadOrCreate(state.secrets());
    if (secrets.generated()) {
      StackLog.info("generated the JWT key pair and credentials key in .local/secrets");
    }
    adminToken = AdminToken.mint(secrets.jwtPrivateKey(), AdminToken.DEFAULT_LIFETIME);
    LocalSecrets.writeSecret(secrets.adminTokenFile(), adminToken + "\n");

    // The broker JVM boots while PostgreSQL starts in this one: the two waits overlap.
    long infraStart = System.nanoTime();
    KafkaBroker broker = new KafkaBroker(state);
    broker.writeConfigIfAbsent();
    if (!broker.isFormatted()) {
      StackLog.info("formatting Kafka storage (first run)");
      broker.format();
    }
    ManagedProcess kafkaProcess = broker.process();
    synchronized (this) {
      ensureNotStopped();
      kafkaProcess.start();
      kafka = kafkaProcess;
    }
    StackLog.info("Kafka broker starting (pid " + kafkaProcess.pid() + ")");

    startPostgres();

    ManagedProcess.awaitReady(List.of(kafkaProcess), KAFKA_READY_TIMEOUT);
    long topicsStart = System.nanoTime();
    int created = KafkaTopics.createMissing(KafkaBroker.BOOTSTRAP_SERVERS);
    StackLog.info(
        "topics: "
            + created
            + " created, "
            + (Topics.ALL.size() - created)
            + " already there ("
            + StackLog.seconds(topicsStart)
            + "); infrastructure up in "
            + StackLog.seconds(infraStart));

    writeServicesEnvFile();
    if (!options.onlyInfra()) {
      startServices();
    }
  }

  private void startPostgres() throws Exception {
    long start = System.nanoTime();
    boolean firstRun = !Files.exists(state.postgresData().resolve("PG_VERSION"));
    StackLog.info(
        "starting PostgreSQL on port "
            + options.pgPort()
            + (firstRun ? " (first run: initdb)" : " (reusing .local/postgres)"));
    synchronized (this) {
      ensureNotStopped();
      postgres = LocalPostgres.start(state.postgresData(), options.pgPort(), state.log("postgres"));
    }
    postgres.createDatabaseIfAbsent();
    jdbcUrl = postgres.jdbcUrl();
    StackLog.info("PostgreSQL ready in " + StackLog.seconds(start) + ": " + jdbcUrl);
  }

  private void startServices() throws Exception {
    Set<Integer> waves = new TreeSet<>();
    Services.ALL.forEach(service -> waves.add(service.wave()));
    for (int wave : waves) {
      List<ManagedProcess> started = new ArrayList<>();
      for (Services.Service service : Services.ALL) {
        if (service.wave() != wave) {
          continue;
        }
        ManagedProcess process = serviceProcess(service);
        synchronized (this) {
          ensureNotStopped();
          process.start();
          services.add(process);
        }
        started.add(process);
        StackLog.info(
            "starting "
                + service.name()
                + " on port "
                + service.port()
                + " (pid "
                + process.pid()
                + ")");
      }
      ManagedProcess.awaitReady(started, SERVICE_READY_TIMEOUT);
    }
  }

  private ManagedProcess serviceProcess(Services.Service service) {
    Map<String, String> environment = new LinkedHashMap<>(servicesEnvironment());
    environment.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
    if (service.name().equals("erp-sandbox")) {
      environment.putAll(DemoSeed.sandboxEnvironment());
    }
    List<String> command =
        List.of(
            javaExecutable(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-jar",
            state.root().resolve(service.jar()).toString());
    return new ManagedProcess(
        service.name(),
        command,
        environment,
        state.root(),
        state.log(service.name()),
        Readiness.httpOk(service.readinessUrl()),
        "HTTP 200 from " + service.readinessUrl());
  }

  /**
   * Creates the demo through the admin API unless --no-demo: the stack runs on without it should
   * that fail, and says why.
   */
  private void seedDemo() throws InterruptedException {
    if (options.onlyInfra() || options.noDemo()) {
      return;
    }
    long start = System.nanoTime();
    try {
      DemoSeed.Demo seeded = new DemoSeed(Services.url("connection-service"), adminToken).seed();
      demo = seeded;
      StackLog.info(
          "demo: connection "
              + seeded.connectionId()
              + " '"
              + DemoSeed.CONNECTION_NAME
              + "' ("
              + (seeded.connectionCreated() ? "created" : "already there")
              + "), mapping "
              + seeded.mappingId()
              + " UNIT <-> Equipment ("
              + (seeded.mappingCreated() ? "created" : "already there")
              + ") in "
              + StackLog.seconds(start));
      if (seeded.testFailure() != null) {
        StackLog.error(
            "demo: the test of connection "
                + seeded.connectionId()
                + " failed: "
                + seeded.testFailure()
                + " (is the sandbox's S/4HANA simulator up? see "
                + state.display(state.log("erp-sandbox"))
                + ")");
      }
    } catch (DemoSeed.SeedException | RuntimeException e) {
      if (!isStopped()) {
        StackLog.error(
            "demo not seeded, the stack runs on without it: "
                + (e instanceof DemoSeed.SeedException ? e.getMessage() : e.toString())
                + " (logs in "
                + state.display(state.logs())
                + "/; --no-demo skips the demo)");
      }
    }
  }

  /** What every service needs to find the infrastructure and the local secrets. */
  private Map<String, String> servicesEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.BOOTSTRAP_SERVERS);
    environment.put("TGM_DB_URL", jdbcUrl);
    environment.put("TGM_DB_USER", LocalPostgres.USER);
    environment.put("TGM_DB_PASSWORD", LocalPostgres.PASSWORD);
    environment.put("TGM_JWT_PUBLIC_KEY", secrets.jwtPublicKeyFile().toString());
    environment.put("TGM_JWT_ISSUER", AdminToken.ISSUER);
    environment.put("TGM_CREDENTIALS_KEYS", secrets.credentialsKeys());
    environment.put("TGM_CREDENTIALS_CURRENT_KEY", LocalSecrets.CREDENTIALS_KEY_ID);
    // where connection-service relays the mapping and sync endpoints
    environment.put("MAPPING_SERVICE_URL", Services.url("mapping-service"));
    environment.put("SYNC_ORCHESTRATOR_URL", Services.url("sync-orchestrator"));
    // and the guide's webhook URLs on port 1337
    environment.put("WEBHOOK_GATEWAY_URL", Services.url("webhook-gateway"));
    // the orchestrator fills the empty TGM stand-in with demo records on its first start
    environment.put("ORCHESTRATOR_TGM_SEED_DEMO", "true");
    return environment;
  }

  /** For a developer running one service in dev mode against this stack (--only-infra). */
  private void writeServicesEnvFile() throws IOException {
    StringBuilder text = new StringBuilder("# set -a; . .local/secrets/services.env; set +a\n");
    servicesEnvironment()
        .forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    LocalSecrets.writeSecret(state.secrets().resolve("services.env"), text.toString());
  }

  private void checkServiceJars() throws StartupException {
    List<String> missing = new ArrayList<>();
    for (Services.Service service : Services.ALL) {
      if (!Files.isRegularFile(state.root().resolve(service.jar()))) {
        missing.add("    " + service.jar());
      }
    }
    if (!missing.isEmpty()) {
      throw new StartupException(
          "service jars missing:\n"
              + String.join("\n", missing)
              + "\nrun ./mvnw install -DskipTests first (or ./local-stack without --no-build),"
              + " or start only PostgreSQL and Kafka with --only-infra");
    }
  }

  /** A port already taken means another stack (or a stray broker) is running: say so up front. */
  private void checkPortsFree() throws StartupException {
    Map<Integer, String> ports = new LinkedHashMap<>();
    ports.put(options.pgPort(), "PostgreSQL");
    ports.put(KafkaBroker.BROKER_PORT, "Kafka");
    ports.put(KafkaBroker.CONTROLLER_PORT, "Kafka controller");
    if (!options.onlyInfra()) {
      Services.ALL.forEach(service -> ports.put(service.port(), service.name()));
    }
    List<String> busy = new ArrayList<>();
    ports.forEach(
        (port, owner) -> {
          if (inUse(port)) {
            busy.add(port + " (" + owner + ")");
          }
        });
    if (!busy.isEmpty()) {
      throw new StartupException(
          "port(s) already in use: "
              + String.join(", ", busy)
              + ". Is another ./local-stack running? (ps -ef | grep -e kafka.Kafka -e quarkus-run"
              + " -e postgres)");
    }
  }

  private static boolean inUse(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
      return true;
    } catch (IOException free) {
      return false;
    }
  }

  private void printBanner() {
    long launchedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
    double seconds = (System.currentTimeMillis() - launchedAt) / 1000.0;
    String logs = state.display(state.logs()) + "/";
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("================================================================================");
    lines.add(
        String.format(
            " TGM ERP Sync %s ready in %.1f s",
            options.onlyInfra() ? "infrastructure (--only-infra)" : "local stack", seconds));
    lines.add("");
    if (!options.onlyInfra()) {
      lines.add(" Admin API        http://localhost:1337/api/admin/erp");
      lines.add(" Swagger UI       http://localhost:1337/swagger-ui.html");
      lines.add(
          " Webhooks         http://localhost:1337/api/webhooks/erp/{connectionId}"
              + " (the gateway: 8086)");
      lines.add(" ERP sandbox      http://localhost:8090");
    }
    lines.add(" Kafka            " + KafkaBroker.BOOTSTRAP_SERVERS);
    lines.add(
        " PostgreSQL       "
            + jdbcUrl
            + "  (user "
            + LocalPostgres.USER
            + ", password "
            + LocalPostgres.PASSWORD
            + ")");
    lines.add("");
    lines.add(
        " Admin token (12 h, in .local/secrets/admin.jwt; ./local-stack token for a new one):");
    lines.add(" " + adminToken);
    lines.add("");
    if (!options.onlyInfra()) {
      lines.add(" Try (the admin API with the token; readiness of a service and what it probes):");
      lines.add(
          "   curl -H \"Authorization: Bearer $(cat .local/secrets/admin.jwt)\""
              + " http://localhost:1337/api/admin/erp/supported-erp-types");
      lines.add("   curl http://localhost:8082/q/health/ready");
      if (demo != null) {
        lines.add("");
        lines.add(
            " Demo             connection "
                + demo.connectionId()
                + " '"
                + DemoSeed.CONNECTION_NAME
                + "', mapping "
                + demo.mappingId()
                + " UNIT <-> Equipment");
        lines.add(
            "   a full sync of its "
                + String.format("%,d", DemoSeed.SANDBOX_EQUIPMENT)
                + " equipment records into TGM (then watch it: README.md, \"See a sync\"):");
        lines.add(
            "   curl -X POST -H \"Authorization: Bearer $(cat .local/secrets/admin.jwt)\""
                + " http://localhost:1337/api/admin/erp/connections/"
                + demo.connectionId()
                + "/sync/full");
      }
    } else {
      lines.add(" Service settings for a dev-mode service: .local/secrets/services.env");
      lines.add(
          "   set -a; . .local/secrets/services.env; set +a; ./mvnw -pl <service> quarkus:dev");
    }
    lines.add("");
    lines.add(" Logs             " + logs + "<name>.log");
    lines.add(" Ctrl-C stops everything.");
    lines.add("================================================================================");
    lines.forEach(System.out::println);
  }

  /** After startup: report a child that dies, and keep running until Ctrl-C. */
  private void watch() throws InterruptedException {
    Set<String> reported = new HashSet<>();
    while (true) {
      List<ManagedProcess> children = new ArrayList<>();
      synchronized (this) {
        if (kafka != null) {
          children.add(kafka);
        }
        children.addAll(services);
      }
      for (ManagedProcess child : children) {
        if (child.exitedUnexpectedly() && !isStopped() && reported.add(child.name())) {
          StackLog.error(
              child.name()
                  + " exited with code "
                  + child.exitCode()
                  + "; last lines of "
                  + state.display(child.logFile())
                  + ":\n"
                  + child.logTail());
        }
      }
      Thread.sleep(1000);
    }
  }

  private void ensureNotStopped() throws StartupException {
    if (stopped) {
      throw new StartupException("stopping");
    }
  }

  private synchronized boolean isStopped() {
    return stopped;
  }

  /** Services first, then the broker they use, then the database; safe to call twice. */
  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (services.isEmpty() && kafka == null && postgres == null) {
      return;
    }
    long start = System.nanoTime();
    if (!services.isEmpty()) {
      StackLog.info("stopping " + services.size() + " services");
      ManagedProcess.stopAll(services, STOP_GRACE);
    }
    if (kafka != null) {
      StackLog.info("stopping Kafka");
      ManagedProcess.stopAll(List.of(kafka), STOP_GRACE);
    }
    if (postgres != null) {
      StackLog.info("stopping PostgreSQL");
      try {
        postgres.close();
      } catch (IOException | RuntimeException e) {
        StackLog.error("stopping PostgreSQL: " + e.getMessage());
      }
    }
    StackLog.info("stopped in " + StackLog.seconds(start));
  }
}
