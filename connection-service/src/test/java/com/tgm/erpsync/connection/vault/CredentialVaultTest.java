package com.tgm.erpsync.connection.vault;

import static com.tgm.erpsync.connection.vault.TestKeys.NEW_KEY;
import static com.tgm.erpsync.connection.vault.TestKeys.OLD_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CredentialVaultTest {

  private static final String CONTEXT = "connection:42:clientSecret";
  private static final String PLAINTEXT = "s3cr3t-Pässwörd-🔑";

  private final CredentialVault vault =
      new CredentialVault(KeyRing.parse("old-0:" + OLD_KEY, "old-0"));

  @Test
  void roundTripsAUtf8SecretUnderTheCurrentKey() {
    EncryptedSecret secret = vault.encrypt(PLAINTEXT, CONTEXT);

    assertThat(secret.keyId()).isEqualTo("old-0");
    assertThat(secret.algorithm()).isEqualTo(EncryptedSecret.ALGORITHM);
    assertThat(Base64.getDecoder().decode(secret.iv())).hasSize(12);
    assertThat(Base64.getDecoder().decode(secret.ciphertext()))
        .hasSize(PLAINTEXT.getBytes(StandardCharsets.UTF_8).length + 16);
    assertThat(secret.ciphertext()).doesNotContain(PLAINTEXT);
    assertThat(vault.decrypt(secret, CONTEXT)).isEqualTo(PLAINTEXT);
  }

  @Test
  void roundTripsAnEmptySecret() {
    assertThat(vault.decrypt(vault.encrypt("", CONTEXT), CONTEXT)).isEmpty();
  }

  @Test
  void eachEncryptionOfTheSamePlaintextGivesADifferentIvAndCiphertext() {
    EncryptedSecret first = vault.encrypt(PLAINTEXT, CONTEXT);
    EncryptedSecret second = vault.encrypt(PLAINTEXT, CONTEXT);

    assertThat(second.iv()).isNotEqualTo(first.iv());
    assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
    assertThat(vault.decrypt(second, CONTEXT)).isEqualTo(vault.decrypt(first, CONTEXT));
  }

  @Test
  void aCiphertextCopiedToAnotherConnectionOrSlotFailsToDecrypt() {
    EncryptedSecret secret = vault.encrypt(PLAINTEXT, CONTEXT);

    for (String otherContext :
        List.of("connection:43:clientSecret", "connection:42:password", "connection:42:")) {
      assertThatThrownBy(() -> vault.decrypt(secret, otherContext))
          .isInstanceOf(VaultException.class)
          .hasMessageContaining("'old-0'")
          .hasMessageContaining("'" + otherContext + "'")
          .hasMessageNotContaining(PLAINTEXT)
          .hasMessageNotContaining(OLD_KEY);
    }
  }

  @Test
  void aTamperedCiphertextFailsToDecrypt() {
    EncryptedSecret secret = vault.encrypt(PLAINTEXT, CONTEXT);
    byte[] sealed = Base64.getDecoder().decode(secret.ciphertext());

    for (int index : new int[] {0, sealed.length - 1}) { // a data byte and a tag byte
      byte[] tampered = sealed.clone();
      tampered[index] ^= 0x01;
      EncryptedSecret forged =
          new EncryptedSecret(
              secret.keyId(),
              secret.algorithm(),
              secret.iv(),
              Base64.getEncoder().encodeToString(tampered));

      assertThatThrownBy(() -> vault.decrypt(forged, CONTEXT))
          .isInstanceOf(VaultException.class)
          .hasMessageContaining("authentication failed")
          .hasMessageContaining("'old-0'")
          .hasMessageContaining("'" + CONTEXT + "'")
          .hasMessageNotContaining(PLAINTEXT);
    }
  }

  @Test
  void aTruncatedCiphertextFailsToDecrypt() {
    EncryptedSecret secret = vault.encrypt(PLAINTEXT, CONTEXT);
    EncryptedSecret truncated =
        new EncryptedSecret(
            secret.keyId(),
            secret.algorithm(),
            secret.iv(),
            Base64.getEncoder().encodeToString(new byte[8]));

    assertThatThrownBy(() -> vault.decrypt(truncated, CONTEXT))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("shorter than the authentication tag");
  }

  @Test
  void aTamperedIvFailsToDecrypt() {
    EncryptedSecret secret = vault.encrypt(PLAINTEXT, CONTEXT);
    byte[] iv = Base64.getDecoder().decode(secret.iv());
    iv[5] ^= 0x01;
    EncryptedSecret forged =
        new EncryptedSecret(
            secret.keyId(),
            secret.algorithm(),
            Base64.getEncoder().encodeToString(iv),
            secret.ciphertext());

    assertThatThrownBy(() -> vault.decrypt(forged, CONTEXT))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("authentication failed")
        .hasMessageNotContaining(PLAINTEXT);
  }

  @Test
  void anIvOfTheWrongLengthOrNotBase64FailsToDecrypt() {
    EncryptedSecret secret = vault.encrypt(PLAINTEXT, CONTEXT);
    EncryptedSecret shortIv =
        new EncryptedSecret(
            secret.keyId(),
            secret.algorithm(),
            Base64.getEncoder().encodeToString(new byte[8]),
            secret.ciphertext());
    EncryptedSecret garbledIv =
        new EncryptedSecret(secret.keyId(), secret.algorithm(), "not*base64", secret.ciphertext());

    assertThatThrownBy(() -> vault.decrypt(shortIv, CONTEXT))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("IV must be 12 bytes but is 8 bytes");
    assertThatThrownBy(() -> vault.decrypt(garbledIv, CONTEXT))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("IV is not valid base64");
  }

  @Test
  void anUnknownKeyIdFailsWithAMessageNamingTheId() {
    EncryptedSecret secret = vault.encrypt(PLAINTEXT, CONTEXT);
    EncryptedSecret foreign =
        new EncryptedSecret("retired-7", secret.algorithm(), secret.iv(), secret.ciphertext());

    assertThatThrownBy(() -> vault.decrypt(foreign, CONTEXT))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("'retired-7'")
        .hasMessageContaining("'" + CONTEXT + "'")
        .hasMessageContaining("unknown")
        .hasMessageNotContaining(PLAINTEXT);
  }

  @Test
  void aWrongAlgorithmFailsToDecrypt() {
    EncryptedSecret secret = vault.encrypt(PLAINTEXT, CONTEXT);
    EncryptedSecret cbc =
        new EncryptedSecret(secret.keyId(), "AES-256-CBC", secret.iv(), secret.ciphertext());

    assertThatThrownBy(() -> vault.decrypt(cbc, CONTEXT))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("'old-0'")
        .hasMessageContaining("unsupported algorithm 'AES-256-CBC'");
  }

  @Test
  void aBlankContextIsRejected() {
    assertThatThrownBy(() -> vault.encrypt(PLAINTEXT, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vault.encrypt(PLAINTEXT, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void afterRotationOldCiphertextsStillDecryptAndRotateMovesThemToTheNewKey() {
    EncryptedSecret old = vault.encrypt(PLAINTEXT, CONTEXT);
    CredentialVault rotated =
        new CredentialVault(KeyRing.parse("new-1:" + NEW_KEY + ",old-0:" + OLD_KEY, "new-1"));

    assertThat(rotated.decrypt(old, CONTEXT)).isEqualTo(PLAINTEXT);
    assertThat(rotated.needsRotation(old)).isTrue();

    EncryptedSecret reEncrypted = rotated.rotate(old, CONTEXT);

    assertThat(reEncrypted.keyId()).isEqualTo("new-1");
    assertThat(reEncrypted.algorithm()).isEqualTo(EncryptedSecret.ALGORITHM);
    assertThat(reEncrypted.iv()).isNotEqualTo(old.iv());
    assertThat(rotated.needsRotation(reEncrypted)).isFalse();
    assertThat(rotated.decrypt(reEncrypted, CONTEXT)).isEqualTo(PLAINTEXT);
    assertThat(rotated.encrypt(PLAINTEXT, CONTEXT).keyId()).isEqualTo("new-1");
    // a node still on the old ring cannot read the new key's ciphertexts, and says why
    assertThatThrownBy(() -> vault.decrypt(reEncrypted, CONTEXT))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("'new-1'");
  }

  @Test
  void rotateRefusesASecretForAnotherContext() {
    EncryptedSecret old = vault.encrypt(PLAINTEXT, CONTEXT);
    CredentialVault rotated =
        new CredentialVault(KeyRing.parse("new-1:" + NEW_KEY + ",old-0:" + OLD_KEY, "new-1"));

    assertThatThrownBy(() -> rotated.rotate(old, "connection:42:password"))
        .isInstanceOf(VaultException.class);
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Set<String> ivs = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 250; i++) {
                    String context = "connection:" + thread + ":secret" + i;
                    String plaintext = "value-" + thread + "-" + i;
                    EncryptedSecret secret = vault.encrypt(plaintext, context);
                    ivs.add(secret.iv());
                    assertThat(vault.decrypt(secret, context)).isEqualTo(plaintext);
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ivs).hasSize(8 * 250);
  }
}
