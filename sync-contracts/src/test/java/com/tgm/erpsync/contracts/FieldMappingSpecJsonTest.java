package com.tgm.erpsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import org.junit.jupiter.api.Test;

class FieldMappingSpecJsonTest {

  @Test
  void keyFieldIsWrittenAsIsKeyFieldLikeTheGuide() {
    JsonNode json = Json.tree(Json.write(Samples.serialNumberMapping()));

    assertThat(json.get("isKeyField").asBoolean()).isTrue();
    assertThat(json.has("keyField")).isFalse();
  }

  @Test
  void guidesFieldMappingJsonReadsAsIs() {
    String fromTheGuide =
        """
        {
          "tgmField": "serialNumber",
          "erpField": "SerialNumber",
          "fieldType": "STRING",
          "syncDirection": "INBOUND",
          "isKeyField": true
        }
        """;

    FieldMappingSpec spec = Json.read(fromTheGuide, FieldMappingSpec.class);

    assertThat(spec.keyField()).isTrue();
    assertThat(spec.required()).isFalse();
    assertThat(spec.fieldType()).isEqualTo(FieldType.STRING);
    assertThat(spec.syncDirection()).isEqualTo(SyncDirection.INBOUND);
  }
}
