package com.tgm.erpsync.mapping.engine;

import static com.tgm.erpsync.mapping.engine.Mappings.field;
import static com.tgm.erpsync.mapping.engine.Mappings.json;
import static com.tgm.erpsync.mapping.engine.Mappings.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Composite ERP keys, e.g. SAP Equipment(Equipment='10000045',ValidityEndDate=datetime'…'). */
class ErpKeyTest {
  private final MappingEngine equipment =
      Mappings.engine(
          EntityType.UNIT,
          field("name", "EquipmentName", FieldType.STRING),
          key("sapEquipment", "Equipment", FieldType.STRING, null),
          key("validTo", "ValidityEndDate", FieldType.DATE, "ODATA_V2"));

  @Test
  void givesTheKeyFieldsOfAnErpRecordInMappingOrder() {
    var key =
        equipment.erpKey(
            json(
                "{\"ValidityEndDate\":\"/Date(253402214400000)/\",\"EquipmentName\":\"Pump\","
                    + "\"Equipment\":\"10000045\"}"));

    assertThat(key).isPresent();
    assertThat(key.get())
        .containsExactly(
            Map.entry("Equipment", "10000045"),
            Map.entry("ValidityEndDate", "/Date(253402214400000)/"));
  }

  @Test
  void givesTheErpKeyATgmRecordWouldHave() {
    var key =
        equipment.erpKeyFor(json("{\"sapEquipment\":\"10000045\",\"validTo\":\"9999-12-31\"}"));

    assertThat(key.get())
        .containsExactly(
            Map.entry("Equipment", "10000045"),
            Map.entry("ValidityEndDate", "/Date(253402214400000)/"));
  }

  @Test
  void keyOfTheTgmRecordMatchesTheKeyOfTheErpRecordItCameFrom() {
    var erp = json("{\"Equipment\":\"10000045\",\"ValidityEndDate\":\"/Date(253402214400000)/\"}");
    assertThat(equipment.erpKeyFor(equipment.toTgm(erp).record())).isEqualTo(equipment.erpKey(erp));
  }

  @Test
  void usesKeyFieldsWhateverWayTheyFlow() {
    MappingEngine guide =
        Mappings.engine(
            EntityType.UNIT,
            Mappings.spec(
                "serialNumber",
                "SerialNumber",
                FieldType.STRING,
                SyncDirection.INBOUND,
                false,
                true,
                null,
                null,
                null,
                null));
    assertThat(guide.erpKeyFor(json("{\"serialNumber\":\"SN-88213\"}")).get())
        .containsExactly(Map.entry("SerialNumber", "SN-88213"));
    assertThat(guide.toErp(json("{\"serialNumber\":\"SN-88213\"}")).record()).isEmpty();
  }

  @Test
  void hasNoKeyWhenAKeyValueIsMissing() {
    assertThat(equipment.erpKey(json("{\"Equipment\":\"10000045\"}"))).isEmpty();
    assertThat(equipment.erpKey(json("{\"Equipment\":\"\",\"ValidityEndDate\":\"x\"}"))).isEmpty();
    assertThat(equipment.erpKeyFor(json("{\"sapEquipment\":\"10000045\",\"validTo\":\"soon\"}")))
        .isEmpty();
  }

  @Test
  void hasNoKeyWhenTheMappingHasNoKeyFields() {
    MappingEngine keyless =
        Mappings.engine(EntityType.UNIT, field("name", "EquipmentName", FieldType.STRING));
    assertThat(keyless.erpKey(json("{\"EquipmentName\":\"Pump\"}"))).isEmpty();
  }

  @Test
  void writesNumericKeysInPlainNotation() {
    MappingEngine oracle =
        Mappings.engine(
            EntityType.WORK_ORDER, key("erpId", "WorkOrderId", FieldType.INTEGER, null));
    assertThat(oracle.erpKey(json("{\"WorkOrderId\":300000047512345}")).get())
        .containsExactly(Map.entry("WorkOrderId", "300000047512345"));
  }
}
