package com.tgm.erpsync.webhook.ingest;

import com.tgm.erpsync.webhook.ingest.Rejection.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checks a webhook's credentials pass, against the connection's webhook secret:
 *
 * <ul>
 *   <li>{@code X-Webhook-Secret}: the secret itself (also Dataverse's HttpHeader mode);
 *   <li>{@code ?code=}: the secret as Dataverse's WebhookKey mode sends it;
 *   <li>{@code X-Webhook-Signature}: HMAC-SHA256 under the secret of the raw body, or of {@code
 *       <timestamp>.<body>} when {@code X-Webhook-Timestamp} is sent, as {@code sha256=<hex>}, bare
 *       hex or base64;
 *   <li>{@code X-Webhook-Timestamp}: Unix seconds, within the tolerance of the gateway's clock;
 *   <li>a secret carried in the body (Business Central's {@code clientState}).
 * </ul>
 *
 * Every credential presented must be right, and at least one must be presented. Comparisons take
 * the same time whatever the values (both sides are hashed first, so not even the length leaks).
 */
public final class Credentials {
  private static final String HMAC = "HmacSHA256";
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance(HMAC);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 is not available", e);
            }
          });

  private Credentials() {}

  /**
   * Checks what the request presents in headers and query.
   *
   * @param bodyCarriesSecret whether the body will be checked for a secret of its own (so
   *     presenting none here is no failure)
   */
  public static Optional<Rejection> verify(
      byte[] secret,
      String secretHeader,
      String code,
      String signature,
      String timestamp,
      byte[] body,
      Instant now,
      Duration tolerance,
      boolean bodyCarriesSecret) {
    if (secretHeader == null && code == null && signature == null && !bodyCarriesSecret) {
      return reject(
          Reason.MISSING_CREDENTIALS,
          "the request carries neither X-Webhook-Secret nor X-Webhook-Signature",
          "X-Webhook-Secret");
    }
    if (timestamp != null) {
      long seconds;
      try {
        seconds = Long.parseLong(timestamp.strip());
      } catch (NumberFormatException e) {
        return reject(
            Reason.BAD_TIMESTAMP,
            "X-Webhook-Timestamp must be Unix seconds",
            "X-Webhook-Timestamp");
      }
      long skew = Math.abs(now.getEpochSecond() - seconds);
      if (skew > tolerance.toSeconds()) {
        return reject(
            Reason.STALE_TIMESTAMP,
            "X-Webhook-Timestamp is "
                + skew
                + " s away from the gateway's clock (tolerance "
                + tolerance.toSeconds()
                + " s)",
            "X-Webhook-Timestamp");
      }
    }
    if (secretHeader != null && !sameSecret(secret, secretHeader)) {
      return reject(Reason.WRONG_SECRET, "X-Webhook-Secret is wrong", "X-Webhook-Secret");
    }
    if (code != null && !sameSecret(secret, code)) {
      return reject(Reason.WRONG_SECRET, "the code query parameter is wrong", "code");
    }
    if (signature != null && !validSignature(secret, signature, timestamp, body)) {
      return reject(
          Reason.BAD_SIGNATURE,
          timestamp == null
              ? "X-Webhook-Signature is not the HMAC-SHA256 of the body"
              : "X-Webhook-Signature is not the HMAC-SHA256 of '<X-Webhook-Timestamp>.<body>'",
          "X-Webhook-Signature");
    }
    return Optional.empty();
  }

  /** Checks every secret the body carried (one per notification). */
  public static Optional<Rejection> verifyBodySecrets(byte[] secret, List<String> bodySecrets) {
    for (int i = 0; i < bodySecrets.size(); i++) {
      if (!sameSecret(secret, bodySecrets.get(i))) {
        return reject(
            Reason.WRONG_CLIENT_STATE,
            "clientState of notification " + i + " is not the connection's webhook secret",
            "value[" + i + "].clientState");
      }
    }
    return Optional.empty();
  }

  /** The signature the gateway expects, as {@code sha256=<hex>} (for senders and tests). */
  public static String sign(byte[] secret, String timestamp, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
  }

  static boolean sameSecret(byte[] secret, String presented) {
    return MessageDigest.isEqual(
        sha256(secret), sha256(presented.getBytes(StandardCharsets.UTF_8)));
  }

  private static boolean validSignature(
      byte[] secret, String signature, String timestamp, byte[] body) {
    byte[] presented = decode(signature.strip());
    return presented != null && MessageDigest.isEqual(hmac(secret, timestamp, body), presented);
  }

  /** {@code sha256=<hex>}, bare hex, or base64 (standard or URL-safe); null when none of them. */
  private static byte[] decode(String signature) {
    String value = signature;
    if (value.regionMatches(true, 0, "sha256=", 0, 7)) {
      value = value.substring(7);
      return HEX_SHA256.matcher(value).matches() ? HexFormat.of().parseHex(value) : null;
    }
    if (HEX_SHA256.matcher(value).matches()) {
      return HexFormat.of().parseHex(value);
    }
    try {
      byte[] bytes =
          value.indexOf('-') >= 0 || value.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(value)
              : Base64.getDecoder().decode(value);
      return bytes.length == 32 ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] hmac(byte[] secret, String timestamp, byte[] body) {
    Mac mac = MACS.get();
    try {
      mac.init(new SecretKeySpec(secret, HMAC));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the webhook secret is no HMAC key", e);
    }
    if (timestamp != null) {
      mac.update(timestamp.strip().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
    }
    return mac.doFinal(body);
  }

  private static byte[] sha256(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static Optional<Rejection> reject(Reason reason, String detail, String field) {
    return Optional.of(new Rejection(reason, detail, field, 0));
  }
}
