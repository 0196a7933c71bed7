package com.tgm.erpsync.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Admin JWTs for tests, signed RS256 by a key pair made once per JVM, like the ones the local stack
 * mints; {@link AdminJwtResource} points a service's verification at its public key.
 */
public final class AdminTokens {
  public static final String ISSUER = "https://tgm-erp-sync.test";
  public static final String ADMIN_ROLE = "erp-admin";

  private static final KeyPair KEYS = generate();
  private static final KeyPair STRANGER = generate();
  private static Path publicKeyFile;

  private AdminTokens() {}

  /** A valid admin token for {@code subject}, valid for an hour. */
  public static String admin(String subject) {
    return token(subject, Set.of(ADMIN_ROLE), Instant.now().plus(Duration.ofHours(1)), KEYS);
  }

  /** A valid token whose subject lacks the admin role. */
  public static String withoutAdminRole(String subject) {
    return token(subject, Set.of("erp-viewer"), Instant.now().plus(Duration.ofHours(1)), KEYS);
  }

  public static String expired(String subject) {
    return token(subject, Set.of(ADMIN_ROLE), Instant.now().minus(Duration.ofHours(1)), KEYS);
  }

  /** Well-formed and unexpired, but signed by a key the service does not trust. */
  public static String signedByStranger(String subject) {
    return token(subject, Set.of(ADMIN_ROLE), Instant.now().plus(Duration.ofHours(1)), STRANGER);
  }

  public static synchronized Path publicKeyPem() {
    if (publicKeyFile == null) {
      try {
        publicKeyFile = Files.createTempFile("tgm-jwt-public-", ".pem");
        String body =
            Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(KEYS.getPublic().getEncoded());
        Files.writeString(
            publicKeyFile, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
        publicKeyFile.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return publicKeyFile;
  }

  private static String token(String subject, Set<String> groups, Instant expiry, KeyPair keys) {
    return Jwt.issuer(ISSUER)
        .subject(subject)
        .upn(subject)
        .groups(groups)
        .issuedAt(expiry.minus(Duration.ofHours(2)))
        .expiresAt(expiry)
        .jws()
        .keyId("test")
        .sign(keys.getPrivate());
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
