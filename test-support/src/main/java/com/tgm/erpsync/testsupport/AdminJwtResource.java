package com.tgm.erpsync.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Makes a service under test trust the admin tokens of {@link AdminTokens}. */
public class AdminJwtResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of(
        "mp.jwt.verify.publickey.location",
        AdminTokens.publicKeyPem().toUri().toString(),
        "mp.jwt.verify.issuer",
        AdminTokens.ISSUER);
  }

  @Override
  public void stop() {
    // the key file is deleted when the JVM exits
  }
}
