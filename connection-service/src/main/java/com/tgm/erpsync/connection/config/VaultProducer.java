package com.tgm.erpsync.connection.config;

import com.tgm.erpsync.connection.vault.CredentialVault;
import com.tgm.erpsync.connection.vault.KeyRing;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

public class VaultProducer {

  /** Built at startup, so a missing or malformed key stops the service instead of a request. */
  @Produces
  @ApplicationScoped
  @Startup
  CredentialVault vault(CredentialsConfig config) {
    return new CredentialVault(KeyRing.parse(config.keys(), config.currentKey()));
  }
}
