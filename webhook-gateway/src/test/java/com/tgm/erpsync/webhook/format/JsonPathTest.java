package com.tgm.erpsync.webhook.format;

import static com.tgm.erpsync.webhook.format.Samples.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {
  private static final JsonNode BODY =
      json("{\"record\":{\"fields\":{\"id\":\"7\"},\"lines\":[{\"id\":1},{\"id\":2}]},\"n\":null}");

  @ParameterizedTest
  @CsvSource({
    "record.fields.id, record.fields.id, '\"7\"'",
    "$.record.fields.id, record.fields.id, '\"7\"'",
    "record.lines[1].id, record.lines[1].id, 2",
    "$.record.lines[0], record.lines[0], '{\"id\":1}'",
    "n, n, null"
  })
  void findsNodes(String text, String plain, String expected) {
    JsonPath path = JsonPath.parse(text);

    assertThat(path.toString()).isEqualTo(plain);
    assertThat(path.find(BODY)).isEqualTo(json(expected));
  }

  @Test
  void arrayRootsAndTheBodyItself() {
    JsonNode array = json("[{\"id\":\"a\"}]");
    assertThat(JsonPath.parse("[0].id").find(array)).isEqualTo(json("\"a\""));
    assertThat(JsonPath.parse("$[0].id").find(array)).isEqualTo(json("\"a\""));
    assertThat(JsonPath.parse("$").isRoot()).isTrue();
    assertThat(JsonPath.parse("$").find(array)).isSameAs(array);
    assertThat(JsonPath.ROOT.toString()).isEqualTo("$");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "missing",
        "record.fields.id.deeper",
        "record.lines[2]",
        "record.lines.id",
        "record[0]",
        "record.fields[0]"
      })
  void findsNothingWhereTheBodyHasNothing(String text) {
    assertThat(JsonPath.parse(text).find(BODY)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        ".a",
        "a.",
        "a..b",
        "$.",
        "$a",
        "a[",
        "a[]",
        "a[-1]",
        "a[x]",
        "a[0]b",
        "a]",
        "record['odd name']",
        "a b",
        "a[1234567890]"
      })
  void rejectsWhatIsNoPath(String text) {
    assertThatThrownBy(() -> JsonPath.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> JsonPath.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesFieldsBelowAPrefix() {
    assertThat(JsonPath.parse("record.id").under("")).isEqualTo("record.id");
    assertThat(JsonPath.parse("record.id").under("[3]")).isEqualTo("[3].record.id");
    assertThat(JsonPath.parse("[0].id").under("events[3]")).isEqualTo("events[3][0].id");
    assertThat(JsonPath.ROOT.under("data")).isEqualTo("data");
  }

  @Test
  void equalPathsAreEqual() {
    assertThat(JsonPath.parse("$.a[0].b")).isEqualTo(JsonPath.parse("a[0].b"));
    assertThat(JsonPath.parse("$.a[0].b").hashCode())
        .isEqualTo(JsonPath.parse("a[0].b").hashCode());
    assertThat(JsonPath.parse("a.b")).isNotEqualTo(JsonPath.parse("a[0]"));
  }
}
