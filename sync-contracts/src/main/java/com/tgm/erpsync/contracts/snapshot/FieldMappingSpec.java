package com.tgm.erpsync.contracts.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import java.util.Map;

/**
 * How one TGM field maps to one ERP field. Key fields identify the ERP record before a create (no
 * duplicates on replay); valueMap translates ENUM values (TGM value → ERP value, reversed for
 * inbound); referenceEntity names the target of a REFERENCE. The JSON name "isKeyField" is the
 * guide's.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FieldMappingSpec(
    String tgmField,
    String erpField,
    FieldType fieldType,
    SyncDirection syncDirection,
    boolean required,
    @JsonProperty("isKeyField") boolean keyField,
    Map<String, String> valueMap,
    String defaultValue,
    String format,
    EntityType referenceEntity) {}
