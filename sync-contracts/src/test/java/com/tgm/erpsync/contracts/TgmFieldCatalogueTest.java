package com.tgm.erpsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TgmFieldCatalogueTest {

  @Test
  void everyEntityHasFieldsWithUniqueNamesAndReadOnlyIdAndUpdatedAt() {
    for (EntityType entity : EntityType.values()) {
      List<TgmField> fields = TgmFieldCatalogue.fieldsOf(entity);
      Set<String> names = new HashSet<>();
      fields.forEach(f -> assertThat(names.add(f.name())).as(entity + "." + f.name()).isTrue());
      assertThat(fields.get(0))
          .extracting(TgmField::name, TgmField::readOnly)
          .containsExactly("id", true);
      assertThat(fields.get(fields.size() - 1).name()).isEqualTo("updatedAt");
      assertThat(fields).anyMatch(TgmField::required);
    }
  }

  @Test
  void referencesNameTheirTargetAndEnumsTheirValues() {
    for (EntityType entity : EntityType.values()) {
      for (TgmField field : TgmFieldCatalogue.fieldsOf(entity)) {
        assertThat(field.references() != null)
            .as(entity + "." + field.name())
            .isEqualTo(field.fieldType() == FieldType.REFERENCE);
        assertThat(!field.enumValues().isEmpty())
            .as(entity + "." + field.name())
            .isEqualTo(field.fieldType() == FieldType.ENUM);
      }
    }
  }

  @Test
  void holdsTheFieldsOfTheGuidesUnitMapping() {
    assertThat(TgmFieldCatalogue.field(EntityType.UNIT, "name"))
        .get()
        .extracting(TgmField::fieldType, TgmField::required)
        .containsExactly(FieldType.STRING, true);
    assertThat(TgmFieldCatalogue.field(EntityType.UNIT, "serialNumber")).isPresent();
    assertThat(TgmFieldCatalogue.field(EntityType.UNIT, "manufacturer")).isPresent();
    assertThat(TgmFieldCatalogue.field(EntityType.UNIT, "colour")).isEmpty();
  }
}
