package com.tgm.erpsync.sandbox.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Configuration of the SAP simulator the service runs. */
@ConfigMapping(prefix = "sandbox.sap")
public interface SapSandboxConfig {

  /** Whether the SAP simulator starts with the service. */
  @WithDefault("true")
  boolean enabled();

  /** Address the simulator binds to. */
  @WithDefault("0.0.0.0")
  String host();

  /** Seed of the generated records. */
  @WithDefault("42")
  long seed();

  /** Largest page before server-driven paging. */
  @WithDefault("1000")
  int maxPageSize();

  /** The accepted {@code sap-client}. */
  @WithDefault("100")
  String client();

  /**
   * Webhook receiving S/4HANA business events (none unless set, or subscribed by the admin API).
   */
  Optional<String> webhook();

  /** Sent as {@code X-Webhook-Secret} with every business event, when set with the webhook. */
  Optional<String> webhookSecret();

  /** S/4HANA settings. */
  S4 s4();

  /** ECC settings. */
  Ecc ecc();

  /** Business One Service Layer settings (served on the S/4HANA HTTP port under /b1s). */
  B1 b1();

  /** S/4HANA (HTTP) settings. */
  interface S4 {
    /** HTTP port, 0 for ephemeral. */
    @WithDefault("8091")
    int port();

    /** Seeded equipment records. */
    @WithDefault("10000")
    long equipmentCount();
  }

  /** ECC (HTTPS, mutual TLS) settings. */
  interface Ecc {
    /** HTTPS port, 0 for ephemeral, -1 for none. */
    @WithDefault("8443")
    int httpsPort();

    /** Seeded equipment records. */
    @WithDefault("10000")
    long equipmentCount();

    /** Whether a client certificate is required (NEED) or optional (WANT). */
    @WithDefault("NEED")
    String clientAuth();
  }

  /** Business One Service Layer settings. */
  interface B1 {
    /** The company database the login accepts. */
    @WithDefault("SBODEMOUS")
    String companyDb();

    /** The Service Layer user. */
    @WithDefault("manager")
    String user();

    /** The Service Layer user's password. */
    @WithDefault("B1Admin!")
    String password();

    /** Idle minutes after which a session ends. */
    @WithDefault("30")
    int sessionTimeoutMinutes();

    /** Seeded business partners. */
    @WithDefault("1000")
    long businessPartnerCount();

    /** Seeded items. */
    @WithDefault("1000")
    long itemCount();
  }
}
