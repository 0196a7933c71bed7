package com.tgm.erpsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Structural rules every contract type follows, checked by reflection so new types cannot skip
 * them.
 */
class SubtypeRegistrationTest {

  @ParameterizedTest
  @ValueSource(classes = {ConnectorCommand.class, ConnectorResult.class})
  void everyPermittedSubclassIsRegisteredUnderItsSimpleName(Class<?> sealedInterface) {
    Map<Class<?>, String> registered =
        Arrays.stream(sealedInterface.getAnnotation(JsonSubTypes.class).value())
            .collect(Collectors.toMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));

    assertThat(registered.keySet())
        .containsExactlyInAnyOrder(sealedInterface.getPermittedSubclasses());
    registered.forEach((type, name) -> assertThat(name).isEqualTo(type.getSimpleName()));
  }

  @ParameterizedTest
  @ValueSource(classes = {ConnectorCommand.class, ConnectorResult.class})
  void sealedInterfaceDiscriminatesOnTheTypeProperty(Class<?> sealedInterface) {
    JsonTypeInfo typeInfo = sealedInterface.getAnnotation(JsonTypeInfo.class);

    assertThat(typeInfo.use()).isEqualTo(JsonTypeInfo.Id.NAME);
    assertThat(typeInfo.include()).isEqualTo(JsonTypeInfo.As.PROPERTY);
    assertThat(typeInfo.property()).isEqualTo("type");
  }

  @Test
  void everyMessageOutsideASealedInterfaceNamesItsOwnType() {
    List<Class<?>> standalone =
        ContractClasses.records().stream()
            .filter(SyncMessage.class::isAssignableFrom)
            .filter(type -> !ConnectorCommand.class.isAssignableFrom(type))
            .filter(type -> !ConnectorResult.class.isAssignableFrom(type))
            .toList();

    assertThat(standalone).hasSize(4);
    for (Class<?> type : standalone) {
      JsonTypeInfo typeInfo = type.getAnnotation(JsonTypeInfo.class);
      assertThat(typeInfo).as(type.getSimpleName()).isNotNull();
      assertThat(typeInfo.property()).isEqualTo("type");
      assertThat(type.getAnnotation(JsonTypeName.class).value()).isEqualTo(type.getSimpleName());
    }
  }

  @Test
  void everyMessageStartsWithItsEnvelope() {
    for (Class<?> type : ContractClasses.records()) {
      if (SyncMessage.class.isAssignableFrom(type)) {
        RecordComponent first = type.getRecordComponents()[0];
        assertThat(first.getName()).as(type.getSimpleName()).isEqualTo("meta");
        assertThat(first.getType()).isEqualTo(MessageMeta.class);
      }
    }
  }

  @Test
  void everyRecordIgnoresUnknownProperties() {
    for (Class<?> type : ContractClasses.records()) {
      JsonIgnoreProperties ignore = type.getAnnotation(JsonIgnoreProperties.class);
      assertThat(ignore).as(type.getSimpleName()).isNotNull();
      assertThat(ignore.ignoreUnknown()).as(type.getSimpleName()).isTrue();
    }
  }

  @Test
  void everyInstantIsWrittenAsAnIsoString() {
    for (Class<?> type : ContractClasses.records()) {
      for (RecordComponent component : type.getRecordComponents()) {
        if (component.getType() == Instant.class) {
          JsonFormat format = component.getAccessor().getAnnotation(JsonFormat.class);
          assertThat(format).as(type.getSimpleName() + "." + component.getName()).isNotNull();
          assertThat(format.shape()).isEqualTo(JsonFormat.Shape.STRING);
        }
      }
    }
  }
}
