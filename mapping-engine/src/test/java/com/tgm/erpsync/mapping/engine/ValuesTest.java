package com.tgm.erpsync.mapping.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void quotesTextAsAJsonStringLiteral() {
    String text = "a\"b\\c\nd\te\u0001ü";
    assertThat(Values.quote(text)).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001ü\"");
    assertThat(Mappings.value(Values.quote(text)).textValue()).isEqualTo(text);
  }

  @Test
  void writesNumbersAsAJsonParserWouldReadThem() {
    assertThat(Values.number(new BigDecimal("42.000")).isInt()).isTrue();
    assertThat(Values.number(new BigDecimal("1E+3")).intValue()).isEqualTo(1000);
    assertThat(Values.number(new BigDecimal("12345678901")).isLong()).isTrue();
    assertThat(Values.number(new BigDecimal("7.40")).toString()).isEqualTo("7.40");
  }
}
