package com.tgm.erpsync.connection.vault;

import static com.tgm.erpsync.connection.vault.TestKeys.NEW_KEY;
import static com.tgm.erpsync.connection.vault.TestKeys.OLD_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRingTest {

  @Test
  void parsesIdsInOrderAndTheCurrentKey() {
    KeyRing ring = KeyRing.parse(" new-1:" + NEW_KEY + " , old-0:" + OLD_KEY + ",", " new-1 ");

    assertThat(ring.currentKeyId()).isEqualTo("new-1");
    assertThat(ring.keyIds()).containsExactly("new-1", "old-0");
    assertThat(ring.contains("old-0")).isTrue();
    assertThat(ring.contains("other")).isFalse();
    assertThat(ring.contains(null)).isFalse();
  }

  @Test
  void toStringShowsIdsButNoKeyMaterial() {
    KeyRing ring = KeyRing.parse("new-1:" + NEW_KEY + ",old-0:" + OLD_KEY, "new-1");

    assertThat(ring.toString())
        .contains("new-1", "old-0")
        .doesNotContain(NEW_KEY)
        .doesNotContain(OLD_KEY);
  }

  @Test
  void rejectsAnEmptyKeyList() {
    for (String keys : new String[] {null, "", "   ", " , ,"}) {
      assertThatThrownBy(() -> KeyRing.parse(keys, "local-1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
    }
  }

  @Test
  void rejectsAnEntryWithoutAColon() {
    assertThatThrownBy(() -> KeyRing.parse("local-1:" + NEW_KEY + "," + OLD_KEY, "local-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry #2 is malformed")
        .hasMessageNotContaining(OLD_KEY);
  }

  @Test
  void rejectsAnEntryWithAnEmptyOrInvalidId() {
    assertThatThrownBy(() -> KeyRing.parse(":" + NEW_KEY, "local-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry #1 is malformed")
        .hasMessageNotContaining(NEW_KEY);
    assertThatThrownBy(() -> KeyRing.parse("bad id:" + NEW_KEY, "bad id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry #1 is malformed")
        .hasMessageNotContaining(NEW_KEY);
  }

  @Test
  void rejectsAnEntryWithoutAKey() {
    assertThatThrownBy(() -> KeyRing.parse("local-1: ", "local-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'local-1'")
        .hasMessageContaining("key is missing");
  }

  @Test
  void rejectsADuplicateId() {
    assertThatThrownBy(() -> KeyRing.parse("k:" + NEW_KEY + ",k:" + OLD_KEY, "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k' is listed more than once")
        .hasMessageNotContaining(NEW_KEY)
        .hasMessageNotContaining(OLD_KEY);
  }

  @Test
  void rejectsAKeyThatIsNotBase64() {
    String notBase64 = "c2VjcmV0*c2VjcmV0!c2VjcmV0";

    Throwable thrown = catchThrowable(() -> KeyRing.parse("local-1:" + notBase64, "local-1"));

    assertThat(thrown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'local-1' is not valid base64")
        .hasMessageNotContaining(notBase64)
        .hasNoCause();
  }

  @Test
  void rejectsAKeyThatIsNotExactly32Bytes() {
    String aes128 = TestKeys.base64OfLength(16);
    String tooLong = TestKeys.base64OfLength(33);

    assertThatThrownBy(() -> KeyRing.parse("short:" + aes128, "short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'short' must be 32 bytes (AES-256) but is 16 bytes")
        .hasMessageNotContaining(aes128);
    assertThatThrownBy(() -> KeyRing.parse("long:" + tooLong, "long"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'long' must be 32 bytes (AES-256) but is 33 bytes")
        .hasMessageNotContaining(tooLong);
  }

  @Test
  void rejectsACurrentIdThatIsNotAmongTheKeys() {
    assertThatThrownBy(() -> KeyRing.parse("old-0:" + OLD_KEY, "new-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'new-1' is not among the keys [old-0]")
        .hasMessageNotContaining(OLD_KEY);
  }

  @Test
  void rejectsAMissingCurrentId() {
    for (String current : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> KeyRing.parse("old-0:" + OLD_KEY, current))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Current vault key id is not set");
    }
  }

  @Test
  void noValidationErrorMessageContainsKeyMaterial() {
    String shortKey = TestKeys.base64OfLength(31);
    String notBase64 = NEW_KEY.substring(0, 10) + "*" + NEW_KEY.substring(11);
    Map<String, String> invalid =
        Map.of(
            "k:" + NEW_KEY + "," + OLD_KEY, "k",
            ":" + NEW_KEY, "k",
            "k:" + NEW_KEY + ",k:" + OLD_KEY, "k",
            "k:" + notBase64, "k",
            "k:" + shortKey, "k",
            "k:" + NEW_KEY + ",j:" + OLD_KEY, "missing");
    List<String> material = List.of(NEW_KEY, OLD_KEY, shortKey, notBase64);

    invalid.forEach(
        (keys, current) -> {
          Throwable thrown = catchThrowable(() -> KeyRing.parse(keys, current));
          assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
          for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (String secret : material) {
              assertThat(t.getMessage())
                  .doesNotContain(secret)
                  .doesNotContain(secret.substring(0, 12));
            }
          }
        });
  }
}
