package com.tgm.erpsync.connection.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskingTest {

  @Test
  void masksEveryNonEmptySecretIdenticallySoNeitherLengthNorCharactersLeak() {
    assertThat(SecretMasking.mask("x")).isEqualTo("********");
    assertThat(SecretMasking.mask("hunter2")).isEqualTo("********");
    assertThat(
            SecretMasking.mask("a-very-long-client-secret-with-64-characters-0123456789abcdefgh"))
        .isEqualTo("********");
  }

  @Test
  void keepsNullAsNull() {
    assertThat(SecretMasking.mask(null)).isNull();
  }

  @Test
  void keepsAnEmptySecretEmptySoNotSetStaysVisible() {
    assertThat(SecretMasking.mask("")).isEmpty();
  }
}
