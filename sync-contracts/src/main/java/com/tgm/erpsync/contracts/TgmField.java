package com.tgm.erpsync.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One field of a TGM entity as mappings see it: its name in TGM records, its type, whether a record
 * must have it, whether sync may write it, the entity a REFERENCE points to, and the values an ENUM
 * takes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TgmField(
    String name,
    FieldType fieldType,
    boolean required,
    boolean readOnly,
    EntityType references,
    List<String> enumValues) {

  public TgmField {
    enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
  }
}
