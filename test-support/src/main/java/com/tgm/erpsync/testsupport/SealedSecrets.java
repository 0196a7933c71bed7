package com.tgm.erpsync.testsupport;

import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Connection secrets sealed as connection-service's vault seals them (AES-256-GCM, 96-bit IV, the
 * AAD {@code connection:<id>:<slot>}), under a test key, for tests that publish connection
 * snapshots themselves. A service under test reads the key from {@link #KEYS} (its {@code
 * tgm.credentials.keys}).
 */
public final class SealedSecrets {
  public static final String KEY_ID = "test-seal-1";
  private static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (0x20 + 3 * i);
    }
  }

  /** The {@code tgm.credentials.keys} value that opens what this class seals. */
  public static final String KEYS = KEY_ID + ":" + Base64.getEncoder().encodeToString(KEY);

  private static final SecureRandom RANDOM = new SecureRandom();

  private SealedSecrets() {}

  public static EncryptedSecret seal(long connectionId, String slot, String plaintext) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, iv));
      cipher.updateAAD(
          ("connection:" + connectionId + ":" + slot).getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return new EncryptedSecret(
          KEY_ID,
          EncryptedSecret.ALGORITHM,
          Base64.getEncoder().encodeToString(iv),
          Base64.getEncoder().encodeToString(sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }
}
