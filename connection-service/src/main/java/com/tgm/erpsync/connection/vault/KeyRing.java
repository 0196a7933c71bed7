package com.tgm.erpsync.connection.vault;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys the vault may use, each under an id, plus the id of the current key. Old keys
 * stay in the ring after a rotation so existing ciphertexts remain readable while new writes use
 * the current key. Immutable and thread-safe; {@link #toString()} and every error message show key
 * ids only, never key material.
 */
public final class KeyRing {

  /** AES-256 key length in bytes. */
  public static final int KEY_BYTES = 32;

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]+");

  private final Map<String, SecretKey> keys;
  private final String currentKeyId;

  private KeyRing(Map<String, SecretKey> keys, String currentKeyId) {
    this.keys = Collections.unmodifiableMap(keys);
    this.currentKeyId = currentKeyId;
  }

  /**
   * Parses {@code keys} = comma-separated {@code id:base64} entries (blank entries are ignored) and
   * the id of the current key. Ids consist of letters, digits, '.', '_' and '-'; each key must be
   * standard base64 of exactly 32 bytes.
   *
   * @throws IllegalArgumentException if the list is empty, an entry is malformed, an id repeats, a
   *     key is not base64 or not 32 bytes, or the current id is not among the keys
   */
  public static KeyRing parse(String keys, String currentKeyId) {
    if (keys == null || keys.isBlank()) {
      throw new IllegalArgumentException("Vault key list is empty: expected 'id:base64Key,...'");
    }
    Map<String, SecretKey> parsed = new LinkedHashMap<>();
    String[] entries = keys.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      if (entry.isEmpty()) {
        continue;
      }
      int position = i + 1;
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "Vault key entry #" + position + " is malformed: expected 'id:base64Key'");
      }
      String id = entry.substring(0, colon).strip();
      String encoded = entry.substring(colon + 1).strip();
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "Vault key entry #"
                + position
                + " is malformed: the id must be non-empty and consist of letters, digits, '.', '_'"
                + " or '-'");
      }
      if (encoded.isEmpty()) {
        throw new IllegalArgumentException(
            "Vault key entry #" + position + " ('" + id + "') is malformed: the key is missing");
      }
      if (parsed.containsKey(id)) {
        throw new IllegalArgumentException("Vault key id '" + id + "' is listed more than once");
      }
      parsed.put(id, decodeKey(id, encoded));
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("Vault key list is empty: expected 'id:base64Key,...'");
    }
    String current = currentKeyId == null ? "" : currentKeyId.strip();
    if (current.isEmpty()) {
      throw new IllegalArgumentException("Current vault key id is not set");
    }
    if (!parsed.containsKey(current)) {
      throw new IllegalArgumentException(
          "Current vault key id '" + current + "' is not among the keys " + parsed.keySet());
    }
    return new KeyRing(parsed, current);
  }

  private static SecretKey decodeKey(String id, String encoded) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      // deliberately no cause: the decoder's message quotes the offending character of the key
      throw new IllegalArgumentException("Vault key '" + id + "' is not valid base64");
    }
    try {
      if (bytes.length != KEY_BYTES) {
        throw new IllegalArgumentException(
            "Vault key '"
                + id
                + "' must be "
                + KEY_BYTES
                + " bytes (AES-256) but is "
                + bytes.length
                + " bytes");
      }
      return new SecretKeySpec(bytes, "AES");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The id new ciphertexts are written under. */
  public String currentKeyId() {
    return currentKeyId;
  }

  /** All key ids, in configuration order. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /** Whether a key with this id is in the ring. */
  public boolean contains(String keyId) {
    return keyId != null && keys.containsKey(keyId);
  }

  SecretKey currentKey() {
    return keys.get(currentKeyId);
  }

  Optional<SecretKey> key(String keyId) {
    return keyId == null ? Optional.empty() : Optional.ofNullable(keys.get(keyId));
  }

  @Override
  public String toString() {
    return "KeyRing[current=" + currentKeyId + ", keys=" + keys.keySet() + "]";
  }
}
