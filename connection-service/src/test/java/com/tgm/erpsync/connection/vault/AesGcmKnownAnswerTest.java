package com.tgm.erpsync.connection.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Proves the vault really is AES-256-GCM (96-bit IV, 128-bit tag appended, context as AAD) by
 * checking it against an independent javax.crypto implementation, itself pinned to the published
 * GCM test vector (McGrew-Viega / NIST test case 16).
 */
class AesGcmKnownAnswerTest {

  private static final HexFormat HEX = HexFormat.of();

  // GCM specification test case 16: 256-bit key, 96-bit IV, 60-byte plaintext, 20-byte AAD
  private static final byte[] NIST_KEY =
      HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  private static final byte[] NIST_IV = HEX.parseHex("cafebabefacedbaddecaf888");
  private static final byte[] NIST_PLAINTEXT =
      HEX.parseHex(
          "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
              + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
  private static final byte[] NIST_AAD = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  private static final byte[] NIST_CIPHERTEXT_AND_TAG =
      HEX.parseHex(
          "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
              + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
              + "76fc6ece0f4e1768cddf8853bb2d551b");

  private static final String CONTEXT = "connection:42:clientSecret";
  private static final String PLAINTEXT = "client-secret-äöü-0123456789";

  private final KeyRing ring =
      KeyRing.parse("kat-1:" + Base64.getEncoder().encodeToString(NIST_KEY), "kat-1");

  @Test
  void theReferenceImplementationReproducesThePublishedAes256GcmVector() throws Exception {
    assertThat(reference(Cipher.ENCRYPT_MODE, NIST_KEY, NIST_IV, NIST_AAD, NIST_PLAINTEXT))
        .isEqualTo(NIST_CIPHERTEXT_AND_TAG);
    assertThat(reference(Cipher.DECRYPT_MODE, NIST_KEY, NIST_IV, NIST_AAD, NIST_CIPHERTEXT_AND_TAG))
        .isEqualTo(NIST_PLAINTEXT);
  }

  @Test
  void theVaultDecryptsACiphertextProducedIndependentlyWithAFixedKeyIvAndAad() throws Exception {
    byte[] sealed =
        reference(
            Cipher.ENCRYPT_MODE,
            NIST_KEY,
            NIST_IV,
            CONTEXT.getBytes(StandardCharsets.UTF_8),
            PLAINTEXT.getBytes(StandardCharsets.UTF_8));
    EncryptedSecret secret =
        new EncryptedSecret(
            "kat-1",
            EncryptedSecret.ALGORITHM,
            Base64.getEncoder().encodeToString(NIST_IV),
            Base64.getEncoder().encodeToString(sealed));

    assertThat(new CredentialVault(ring).decrypt(secret, CONTEXT)).isEqualTo(PLAINTEXT);
  }

  @Test
  void independentCodeDecryptsWhatTheVaultProducesAndGetsTheSameBytes() throws Exception {
    CredentialVault vault = new CredentialVault(ring, fixedIv(NIST_IV));

    EncryptedSecret secret = vault.encrypt(PLAINTEXT, CONTEXT);

    byte[] sealed = Base64.getDecoder().decode(secret.ciphertext());
    assertThat(Base64.getDecoder().decode(secret.iv())).isEqualTo(NIST_IV);
    assertThat(sealed)
        .isEqualTo(
            reference(
                Cipher.ENCRYPT_MODE,
                NIST_KEY,
                NIST_IV,
                CONTEXT.getBytes(StandardCharsets.UTF_8),
                PLAINTEXT.getBytes(StandardCharsets.UTF_8)));
    byte[] clear =
        reference(
            Cipher.DECRYPT_MODE,
            NIST_KEY,
            NIST_IV,
            CONTEXT.getBytes(StandardCharsets.UTF_8),
            sealed);
    assertThat(new String(clear, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
  }

  /** Plain javax.crypto AES-256-GCM, independent of the vault's code. */
  private static byte[] reference(int mode, byte[] key, byte[] iv, byte[] aad, byte[] input)
      throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    cipher.updateAAD(aad);
    return cipher.doFinal(input);
  }

  @SuppressWarnings("serial")
  private static SecureRandom fixedIv(byte[] iv) {
    return new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(iv, 0, bytes, 0, bytes.length);
      }
    };
  }
}
