package com.tgm.erpsync.connections;

import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decrypts connection credentials in memory, exactly as connection-service's vault wrote them:
 * AES-256-GCM, 96-bit IV, 128-bit tag appended to the ciphertext, and {@code
 * connection:<id>:<secretName>} bound as additional authenticated data. Keys come from the vault's
 * own setting {@code tgm.credentials.keys} (env {@code TGM_CREDENTIALS_KEYS}), comma-separated
 * {@code id:base64} entries; every listed key is usable, so secrets written before a key rotation
 * still decrypt. Errors name key ids and slots only, never key material or values.
 */
@ApplicationScoped
public class SecretDecryptor {

  /** The vault's configuration property holding the keys. */
  public static final String KEYS_PROPERTY = "tgm.credentials.keys";

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_BYTES = 32;

  private final Map<String, SecretKey> keys;
  private final String configurationProblem;

  @Inject
  public SecretDecryptor(@ConfigProperty(name = KEYS_PROPERTY) Optional<String> keys) {
    Map<String, SecretKey> parsed = Map.of();
    String problem = null;
    try {
      parsed = parse(keys.orElse(""));
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    this.keys = parsed;
    this.configurationProblem = problem;
  }

  /** For tests and tools: keys as {@code id:base64,...}. */
  public SecretDecryptor(String keys) {
    this(Optional.ofNullable(keys));
  }

  /** The vault's AAD for a secret of a connection. */
  public static String context(long connectionId, String secretName) {
    return "connection:" + connectionId + ":" + secretName;
  }

  /**
   * Decrypts the secret stored under {@code secretName} of connection {@code connectionId}.
   *
   * @throws SecretUnavailableException if no key is configured, the key id is unknown, the data is
   *     malformed or tampered with, or it belongs to another connection or slot
   */
  public String decrypt(long connectionId, String secretName, EncryptedSecret secret) {
    String context = context(connectionId, secretName);
    if (configurationProblem != null) {
      throw new SecretUnavailableException(
          "Cannot decrypt "
              + context
              + ": "
              + KEYS_PROPERTY
              + " is invalid: "
              + configurationProblem);
    }
    String keyId = secret.keyId();
    SecretKey key = keyId == null ? null : keys.get(keyId);
    if (key == null) {
      throw failure(context, keyId, "the key id is not among the configured keys " + keys.keySet());
    }
    if (!EncryptedSecret.ALGORITHM.equals(secret.algorithm())) {
      throw failure(context, keyId, "unsupported algorithm '" + secret.algorithm() + "'");
    }
    byte[] iv = base64(secret.iv(), context, keyId, "IV");
    if (iv.length != IV_BYTES) {
      throw failure(context, keyId, "the IV must be " + IV_BYTES + " bytes");
    }
    byte[] sealed = base64(secret.ciphertext(), context, keyId, "ciphertext");
    byte[] clear = null;
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      clear = cipher.doFinal(sealed);
      return new String(clear, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw failure(
          context, keyId, "authentication failed (tampered data, wrong key or wrong context)");
    } finally {
      if (clear != null) {
        Arrays.fill(clear, (byte) 0);
      }
    }
  }

  private static byte[] base64(String value, String context, String keyId, String what) {
    if (value == null) {
      throw failure(context, keyId, "the " + what + " is missing");
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw failure(context, keyId, "the " + what + " is not valid base64");
    }
  }

  private static SecretUnavailableException failure(String context, String keyId, String reason) {
    return new SecretUnavailableException(
        "Cannot decrypt " + context + " under key '" + keyId + "': " + reason);
  }

  private static Map<String, SecretKey> parse(String list) {
    Map<String, SecretKey> parsed = new LinkedHashMap<>();
    for (String raw : list.split(",")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("an entry is not 'id:base64Key'");
      }
      String id = entry.substring(0, colon).strip();
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key '" + id + "' is not valid base64");
      }
      if (bytes.length != KEY_BYTES) {
        throw new IllegalArgumentException("key '" + id + "' is not " + KEY_BYTES + " bytes");
      }
      parsed.put(id, new SecretKeySpec(bytes, "AES"));
      Arrays.fill(bytes, (byte) 0);
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("no key is configured");
    }
    return Collections.unmodifiableMap(parsed);
  }
}
