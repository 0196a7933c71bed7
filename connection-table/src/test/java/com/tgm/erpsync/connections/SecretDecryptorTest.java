package com.tgm.erpsync.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers shared with connection-service's vault (AesGcmKnownAnswerTest): the published
 * AES-256-GCM vector (McGrew-Viega / NIST test case 16) and the vault's AAD convention.
 */
class SecretDecryptorTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] NIST_KEY =
      HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  private static final byte[] NIST_IV = HEX.parseHex("cafebabefacedbaddecaf888");

  /**
   * What connection-service's vault stores for "client-secret-äöü-0123456789" under NIST_KEY with
   * NIST_IV and AAD "connection:42:clientSecret" (ciphertext with the 16-byte tag appended).
   */
  private static final String VAULT_CIPHERTEXT =
      "6HCasA+mVpE0RUwD8VynQyEr5jOH4QYhaOCntphcYjghfrPQZ2xbUJalHX1vFSI=";

  private static final String CONTEXT = "connection:42:clientSecret";
  private static final String PLAINTEXT = "client-secret-äöü-0123456789";

  private final SecretDecryptor decryptor =
      new SecretDecryptor("old-0:" + key(0x11) + ", kat-1:" + b64(NIST_KEY));

  @Test
  void decryptsWhatConnectionServicesVaultStored() {
    EncryptedSecret secret =
        new EncryptedSecret("kat-1", EncryptedSecret.ALGORITHM, b64(NIST_IV), VAULT_CIPHERTEXT);

    assertThat(decryptor.decrypt(42, "clientSecret", secret)).isEqualTo(PLAINTEXT);
  }

  @Test
  void thePinnedCiphertextIsWhatIndependentAesGcmProduces() {
    assertThat(sealed(NIST_KEY, CONTEXT, PLAINTEXT).ciphertext()).isEqualTo(VAULT_CIPHERTEXT);
  }

  @Test
  void bindsTheSecretToItsConnectionAndSlot() {
    EncryptedSecret secret =
        new EncryptedSecret("kat-1", EncryptedSecret.ALGORITHM, b64(NIST_IV), VAULT_CIPHERTEXT);

    assertThatThrownBy(() -> decryptor.decrypt(43, "clientSecret", secret))
        .isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("connection:43:clientSecret")
        .hasMessageNotContaining(PLAINTEXT);
    assertThatThrownBy(() -> decryptor.decrypt(42, "password", secret))
        .isInstanceOf(SecretUnavailableException.class);
  }

  @Test
  void namesAnUnknownKeyIdWithoutShowingKeys() {
    EncryptedSecret secret =
        new EncryptedSecret("new-2", EncryptedSecret.ALGORITHM, b64(NIST_IV), VAULT_CIPHERTEXT);

    assertThatThrownBy(() -> decryptor.decrypt(42, "clientSecret", secret))
        .hasMessageContaining("new-2")
        .hasMessageContaining("[old-0, kat-1]")
        .hasMessageNotContaining(b64(NIST_KEY));
  }

  @Test
  void reportsAMissingKeyConfigurationOnlyWhenASecretIsNeeded() {
    SecretDecryptor unconfigured = new SecretDecryptor((String) null);
    EncryptedSecret secret =
        new EncryptedSecret("kat-1", EncryptedSecret.ALGORITHM, b64(NIST_IV), VAULT_CIPHERTEXT);

    assertThatThrownBy(() -> unconfigured.decrypt(42, "clientSecret", secret))
        .hasMessageContaining(SecretDecryptor.KEYS_PROPERTY);
  }

  @Test
  void readsConnectionServicesDevKey() {
    SecretDecryptor dev = new SecretDecryptor("dev-1:ZGV2LW9ubHkta2V5LW5ldmVyLXVzZS1pbi1wcm9kISE=");
    byte[] devKey = Base64.getDecoder().decode("ZGV2LW9ubHkta2V5LW5ldmVyLXVzZS1pbi1wcm9kISE=");

    assertThat(devKey).hasSize(32);
    assertThat(dev.decrypt(7, "password", sealed(devKey, "connection:7:password", "pw")))
        .isEqualTo("pw");
  }

  /** Independent AES-256-GCM with the fixed NIST IV, as the vault's known-answer test does. */
  private static EncryptedSecret sealed(byte[] key, String context, String plaintext) {
    try {
      javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          javax.crypto.Cipher.ENCRYPT_MODE,
          new javax.crypto.spec.SecretKeySpec(key, "AES"),
          new javax.crypto.spec.GCMParameterSpec(128, NIST_IV));
      cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] out = cipher.doFinal(plaintext.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new EncryptedSecret("dev-1", EncryptedSecret.ALGORITHM, b64(NIST_IV), b64(out));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String key(int fill) {
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (fill + i);
    }
    return b64(bytes);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
