package com.tgm.erpsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.event.SyncEvent;
import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.PageExtracted;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageRoundTripTest {

  static Stream<Named<Object>> messages() {
    return Samples.everyMessage().stream()
        .map(message -> Named.of(message.getClass().getSimpleName(), message));
  }

  static Stream<Named<Record>> valueRecords() {
    return Samples.everyValueRecord().stream()
        .map(value -> Named.of(value.getClass().getSimpleName(), value));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void messageReadsBackEqualThroughTheTypeConsumersDeclare(Object message) {
    String json = Json.write(message);

    assertThat(Json.read(json, declaredType(message))).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void messageCarriesItsTypeAndEnvelope(Object message) {
    JsonNode json = Json.tree(Json.write(message));

    if (message instanceof SyncEvent event) {
      assertThat(json.get("type").asText()).isEqualTo(event.type());
      assertThat(json.get("specversion").asText()).isEqualTo("1.0");
    } else {
      assertThat(json.get("type").asText()).isEqualTo(message.getClass().getSimpleName());
      assertThat(json.get("meta").get("messageId").asText())
          .isEqualTo(((SyncMessage) message).meta().messageId());
      assertThat(json.get("meta").get("occurredAt").asText())
          .isEqualTo("2024-01-15T10:30:00.123456Z");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueRecords")
  void valueRecordReadsBackEqual(Record value) {
    String json = Json.write(value);

    assertThat(Json.read(json, value.getClass())).isEqualTo(value);
    assertThat(Json.tree(json).has("type")).isFalse();
  }

  @Test
  void everyRecordOfTheModuleHasARoundTripSample() {
    Set<Class<?>> sampled =
        Stream.concat(Samples.everyMessage().stream(), Samples.everyValueRecord().stream())
            .map(Object::getClass)
            .collect(Collectors.toSet());

    assertThat(sampled).containsAll(ContractClasses.records());
  }

  @Test
  void nullsAndNestedValuesSurviveInsideAnErpRecord() {
    var page = Samples.pageExtracted();

    var read = (PageExtracted) Json.read(Json.write(page), ConnectorResult.class);

    assertThat(read.records().get(0).values())
        .containsEntry("TechnicalObjectSortField", null)
        .containsEntry("ConstructionYear", 2019)
        .containsEntry("GrossWeight", 412.5);
  }

  /** Commands and results are read through their sealed interface, as their consumers do. */
  private static Class<?> declaredType(Object message) {
    List<Class<?>> sealedTypes = List.of(ConnectorCommand.class, ConnectorResult.class);
    return sealedTypes.stream()
        .filter(sealedType -> sealedType.isInstance(message))
        .findFirst()
        .orElse(message.getClass());
  }
}
