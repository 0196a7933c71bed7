package com.tgm.erpsync.connection.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {

  @Test
  void generatesA32ByteBase64KeyThatTheKeyRingAccepts() {
    String key = SecretGenerator.generateKey();

    assertThat(Base64.getDecoder().decode(key)).hasSize(32);
    assertThat(KeyRing.parse("fresh:" + key, "fresh").currentKeyId()).isEqualTo("fresh");
    assertThat(SecretGenerator.generateKey()).isNotEqualTo(key);
  }

  @Test
  void generatesA32ByteUrlSafeUnpaddedWebhookSecret() {
    String secret = SecretGenerator.generateWebhookSecret();

    assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    assertThat(SecretGenerator.generateWebhookSecret()).isNotEqualTo(secret);
  }
}
