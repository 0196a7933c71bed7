package com.tgm.erpsync.connection.vault;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates fresh random secrets: vault keys for {@link KeyRing} configuration and webhook signing
 * secrets. Both carry 256 bits of entropy from a {@link SecureRandom}.
 */
public final class SecretGenerator {

  private static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretGenerator() {}

  /** A new AES-256 key: 32 random bytes, standard base64 (the form {@link KeyRing} parses). */
  public static String generateKey() {
    return Base64.getEncoder().encodeToString(randomBytes());
  }

  /** A new webhook secret: 32 random bytes, URL-safe base64 without padding (43 characters). */
  public static String generateWebhookSecret() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
