package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How to read ERP and TGM JSON for the engine without losing a decimal's scale: JSON numbers with a
 * fraction become exact decimals (7.400 stays 7.400, not the double 7.4).
 */
public final class MappingJson {
  private MappingJson() {}

  /** A new mapper that reads floating-point numbers as exact, unstripped decimals. */
  public static ObjectMapper newObjectMapper() {
    return JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
        .build();
  }
}
