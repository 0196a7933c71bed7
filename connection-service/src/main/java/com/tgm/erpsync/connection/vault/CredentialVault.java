package com.tgm.erpsync.connection.vault;

import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts ERP credentials at rest with AES-256-GCM under the keys of a {@link KeyRing}. The
 * caller's {@code context} (e.g. {@code "connection:42:clientSecret"}) is bound as additional
 * authenticated data, so a ciphertext copied to another connection or slot does not decrypt. Plain
 * Java and thread-safe: one {@link SecureRandom} per vault, a fresh {@link Cipher} per call.
 */
public final class CredentialVault {

  /** JCE transformation; GCM appends the tag to the ciphertext. */
  static final String TRANSFORMATION = "AES/GCM/NoPadding";

  /** IV length in bytes (96 bits, the GCM recommendation). */
  public static final int IV_BYTES = 12;

  /** Authentication tag length in bits. */
  public static final int TAG_BITS = 128;

  private final KeyRing keyRing;
  private final SecureRandom random;

  public CredentialVault(KeyRing keyRing) {
    this(keyRing, new SecureRandom());
  }

  /** For tests that need deterministic IVs; production code uses the public constructor. */
  CredentialVault(KeyRing keyRing, SecureRandom random) {
    this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
    this.random = Objects.requireNonNull(random, "random");
  }

  public KeyRing keyRing() {
    return keyRing;
  }

  /**
   * Encrypts {@code plaintext} (UTF-8) under the current key with a fresh random IV, binding {@code
   * context} as AAD. The same context must be passed to {@link #decrypt}.
   */
  public EncryptedSecret encrypt(String plaintext, String context) {
    Objects.requireNonNull(plaintext, "plaintext");
    requireContext(context);
    String keyId = keyRing.currentKeyId();
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] clear = plaintext.getBytes(StandardCharsets.UTF_8);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, keyRing.currentKey(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(clear);
      Base64.Encoder b64 = Base64.getEncoder();
      return new EncryptedSecret(
          keyId, EncryptedSecret.ALGORITHM, b64.encodeToString(iv), b64.encodeToString(sealed));
    } catch (GeneralSecurityException e) {
      throw new VaultException(
          "Cannot encrypt secret under key '" + keyId + "' for context '" + context + "'", e);
    } finally {
      Arrays.fill(clear, (byte) 0);
    }
  }

  /**
   * Decrypts a secret written by {@link #encrypt} for the same {@code context}.
   *
   * @throws VaultException if the key id is unknown, the algorithm is not AES-256-GCM, the IV or
   *     ciphertext is malformed or tampered with, or the context differs
   */
  public String decrypt(EncryptedSecret secret, String context) {
    Objects.requireNonNull(secret, "secret");
    requireContext(context);
    String keyId = secret.keyId();
    SecretKey key =
        keyRing
            .key(keyId)
            .orElseThrow(() -> failure(keyId, context, "the key id is unknown to the key ring"));
    if (!EncryptedSecret.ALGORITHM.equals(secret.algorithm())) {
      throw failure(
          keyId,
          context,
          "unsupported algorithm '"
              + secret.algorithm()
              + "', expected '"
              + EncryptedSecret.ALGORITHM
              + "'");
    }
    byte[] iv = decodeBase64(secret.iv(), keyId, context, "IV");
    if (iv.length != IV_BYTES) {
      throw failure(
          keyId, context, "the IV must be " + IV_BYTES + " bytes but is " + iv.length + " bytes");
    }
    byte[] sealed = decodeBase64(secret.ciphertext(), keyId, context, "ciphertext");
    if (sealed.length < TAG_BITS / 8) {
      throw failure(keyId, context, "the ciphertext is shorter than the authentication tag");
    }
    byte[] clear = null;
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      clear = cipher.doFinal(sealed);
      return new String(clear, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new VaultException(
          message(
              keyId, context, "authentication failed (tampered data, wrong key or wrong context)"),
          e);
    } catch (GeneralSecurityException e) {
      throw new VaultException(message(keyId, context, e.getClass().getSimpleName()), e);
    } finally {
      if (clear != null) {
        Arrays.fill(clear, (byte) 0);
      }
    }
  }

  /** Whether the secret was written under a key other than the current one. */
  public boolean needsRotation(EncryptedSecret secret) {
    Objects.requireNonNull(secret, "secret");
    return !keyRing.currentKeyId().equals(secret.keyId());
  }

  /**
   * Re-encrypts the secret under the current key (fresh IV, same context).
   *
   * @throws VaultException if the secret cannot be decrypted
   */
  public EncryptedSecret rotate(EncryptedSecret secret, String context) {
    return encrypt(decrypt(secret, context), context);
  }

  private static void requireContext(String context) {
    Objects.requireNonNull(context, "context");
    if (context.isBlank()) {
      throw new IllegalArgumentException("The encryption context must not be blank");
    }
  }

  private static byte[] decodeBase64(String value, String keyId, String context, String what) {
    if (value == null) {
      throw failure(keyId, context, "the " + what + " is missing");
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw failure(keyId, context, "the " + what + " is not valid base64");
    }
  }

  private static VaultException failure(String keyId, String context, String reason) {
    return new VaultException(message(keyId, context, reason));
  }

  private static String message(String keyId, String context, String reason) {
    return "Cannot decrypt secret under key '"
        + keyId
        + "' for context '"
        + context
        + "': "
        + reason;
  }
}
