package com.tgm.erpsync.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Mints an admin JWT (RS256) that connection-service accepts when it runs with the local key pair.
 * {@code ./local-stack token [hours]} runs {@link #main} to get a fresh one.
 */
public final class AdminToken {

  static final String ISSUER = "https://tgm-erp-sync.local";
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private AdminToken() {}

  /**
   * Prints a fresh token and writes it to .local/secrets/admin.jwt. Argument: lifetime in hours.
   */
  public static void main(String[] args) throws Exception {
    Duration lifetime = DEFAULT_LIFETIME;
    if (args.length > 0) {
      try {
        lifetime = Duration.ofHours(Long.parseLong(args[0]));
      } catch (NumberFormatException e) {
        System.err.println("usage: ./local-stack token [hours]   (default 12)");
        System.exit(2);
      }
    }
    LocalSecrets secrets = LocalSecrets.loadOrCreate(Path.of(".local", "secrets"));
    String token = mint(secrets.jwtPrivateKey(), lifetime);
    LocalSecrets.writeSecret(secrets.adminTokenFile(), token + "\n");
    System.out.println(token);
  }

  static String mint(PrivateKey key, Duration lifetime) throws GeneralSecurityException {
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"local\"}";
    String claims =
        "{\"iss\":\""
            + ISSUER
            + "\",\"sub\":\"local-admin\",\"upn\":\"local-admin\",\"groups\":[\"erp-admin\"]"
            + ",\"iat\":"
            + now
            + ",\"exp\":"
            + (now + lifetime.toSeconds())
            + ",\"jti\":\""
            + UUID.randomUUID()
            + "\"}";
    String signingInput = base64url(header) + "." + base64url(claims);
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + BASE64URL.encodeToString(signature.sign());
  }

  private static String base64url(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
