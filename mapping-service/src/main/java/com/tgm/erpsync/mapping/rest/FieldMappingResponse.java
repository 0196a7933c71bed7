package com.tgm.erpsync.mapping.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** One field mapping as the API shows it; options that are not set are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldMappingResponse(
    String tgmField,
    String erpField,
    String fieldType,
    String syncDirection,
    boolean required,
    @JsonProperty("isKeyField") boolean keyField,
    Map<String, String> valueMap,
    String defaultValue,
    String format,
    String referenceEntity) {}
