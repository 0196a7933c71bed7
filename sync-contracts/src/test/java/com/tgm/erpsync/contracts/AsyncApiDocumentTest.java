package com.tgm.erpsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tgm.erpsync.contracts.event.SyncEvent;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/asyncapi.yaml must not fall behind the records. The module has no YAML library, so the
 * document is read as text; it keeps a regular layout (schemas at four spaces, their properties at
 * eight) for that reason.
 */
class AsyncApiDocumentTest {

  private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z][A-Za-z0-9.\\-]*):(.*)$");

  private static final List<String> LINES = readDocument();

  private static List<String> readDocument() {
    try {
      Path dir =
          Path.of(
              AsyncApiDocumentTest.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      while (dir != null && !Files.exists(dir.resolve("docs/asyncapi.yaml"))) {
        dir = dir.getParent();
      }
      assertThat(dir).as("docs/asyncapi.yaml above the module").isNotNull();
      return Files.readAllLines(dir.resolve("docs/asyncapi.yaml"));
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ topics and messages

  @Test
  void describesEveryTopicWithItsPartitionsAndCleanupPolicy() {
    Map<String, List<String>> channels = sections(LINES, "channels", 2);
    Map<String, List<String>> byAddress =
        channels.values().stream()
            .collect(Collectors.toMap(AsyncApiDocumentTest::address, Function.identity()));

    assertThat(byAddress.keySet())
        .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(TopicSpec::name).toList());
    for (TopicSpec topic : Topics.ALL) {
      List<String> channel = byAddress.get(topic.name());
      assertThat(channel).as(topic.name()).contains("        topic: " + topic.name());
      assertThat(channel).as(topic.name()).contains("        partitions: " + topic.partitions());
      assertThat(channel)
          .as(topic.name())
          .contains(
              "          cleanup.policy: [" + (topic.compacted() ? "compact" : "delete") + "]");
    }
  }

  @Test
  void namesEveryMessageType() {
    Set<String> messageNames =
        sections(LINES, "  messages", 4).values().stream()
            .flatMap(List::stream)
            .map(String::trim)
            .filter(line -> line.startsWith("name: "))
            .map(line -> line.substring("name: ".length()))
            .collect(Collectors.toSet());

    List<String> expected =
        Stream.concat(
                ContractClasses.records().stream().filter(SyncMessage.class::isAssignableFrom),
                Stream.of(SyncEvent.class))
            .map(Class::getSimpleName)
            .toList();
    assertThat(messageNames).containsAll(expected);
  }

  @Test
  void documentsEveryDeadLetterHeader() throws IllegalAccessException {
    for (var field : Topics.class.getFields()) {
      if (field.getName().endsWith("_HEADER")) {
        assertThat(LINES).contains("          " + field.get(null) + ":");
      }
    }
  }

  // ------------------------------------------------------------------ payload schemas

  static Stream<Class<?>> wireRecords() {
    return ContractClasses.records().stream().filter(type -> type != TopicSpec.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireRecords")
  void schemaListsExactlyTheRecordsPropertiesInOrder(Class<?> record) {
    List<String> expected = new ArrayList<>();
    if (SyncMessage.class.isAssignableFrom(record)) {
      expected.add("type");
    }
    expected.addAll(ContractClasses.jsonProperties(record));

    assertThat(properties(schema(record)).keySet()).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireRecords")
  void schemaRequiresExactlyTheNeverNullProperties(Class<?> record) {
    Set<String> expected = new LinkedHashSet<>();
    if (SyncMessage.class.isAssignableFrom(record)) {
      expected.add("type");
    }
    expected.addAll(neverNull(record));

    assertThat(required(schema(record))).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireRecords")
  void schemaTypesEveryPropertyLikeTheRecordAndAllowsNullOnlyWhereJavaDoes(Class<?> record) {
    Map<String, String> properties = properties(schema(record));
    Set<String> required = required(schema(record));
    JsonInclude include = record.getAnnotation(JsonInclude.class);
    boolean nullsOmitted = include != null && include.value() == JsonInclude.Include.NON_NULL;

    for (RecordComponent component : record.getRecordComponents()) {
      String name = ContractClasses.jsonName(component);
      String block = properties.get(name);
      assertThat(block)
          .as("%s.%s", record.getSimpleName(), name)
          .containsAnyOf(typeTokens(component.getGenericType()));
      boolean mayBeNull = !required.contains(name) && !nullsOmitted;
      assertThat(block.contains("'null'"))
          .as("%s.%s allows null", record.getSimpleName(), name)
          .isEqualTo(mayBeNull);
    }
  }

  @Test
  void everyEnumTheMessagesUseIsListedWithItsExactConstants() {
    Set<Class<?>> used =
        wireRecords()
            .flatMap(record -> Arrays.stream(record.getRecordComponents()))
            .map(RecordComponent::getType)
            .filter(Class::isEnum)
            .collect(Collectors.toSet());
    assertThat(used).hasSizeGreaterThan(5);

    for (Class<?> type : ContractClasses.enums()) {
      Map<String, List<String>> schemas = sections(LINES, "  schemas", 4);
      if (!used.contains(type) && !schemas.containsKey(type.getSimpleName())) {
        continue;
      }
      List<String> constants =
          Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
      assertThat(flowList(schema(type), "enum")).as(type.getSimpleName()).isEqualTo(constants);
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Tokens of which at least one must appear in the property's schema. */
  private static String[] typeTokens(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type element = parameterized.getActualTypeArguments()[raw == Map.class ? 1 : 0];
      if (raw == List.class) {
        return Arrays.stream(typeTokens(element))
            .map(token -> "items: {" + (token.startsWith("#") ? "$ref: '" + token + "'" : token))
            .toArray(String[]::new);
      }
      if (element == String.class) {
        return new String[] {"ErpKey", "additionalProperties: {type: string}"};
      }
      if (element == Object.class) {
        return new String[] {"FieldValues", "additionalProperties: true"};
      }
      return typeTokens(element);
    }
    Class<?> raw = (Class<?>) type;
    if (raw == long.class || raw == Long.class) {
      return new String[] {"integer, format: int64", "integer, 'null'], format: int64"};
    }
    if (raw == int.class || raw == Integer.class) {
      return new String[] {"integer, format: int32"};
    }
    if (raw == boolean.class) {
      return new String[] {"type: boolean"};
    }
    if (raw == String.class) {
      return new String[] {"type: string", "type: [string, 'null']"};
    }
    if (raw == Instant.class) {
      return new String[] {"format: date-time"};
    }
    return new String[] {"#/components/schemas/" + raw.getSimpleName()};
  }

  /** Names of the components the canonical constructor refuses to take as null, and primitives. */
  private static Set<String> neverNull(Class<?> record) {
    Object sample =
        Stream.concat(Samples.everyMessage().stream(), Samples.everyValueRecord().stream())
            .filter(record::isInstance)
            .findFirst()
            .orElseThrow();
    RecordComponent[] components = record.getRecordComponents();
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    Set<String> neverNull = new LinkedHashSet<>();
    try {
      Constructor<?> canonical = record.getDeclaredConstructor(types);
      for (int i = 0; i < components.length; i++) {
        if (types[i].isPrimitive()) {
          neverNull.add(ContractClasses.jsonName(components[i]));
          continue;
        }
        Object[] args = new Object[components.length];
        for (int j = 0; j < components.length; j++) {
          args[j] = i == j ? null : components[j].getAccessor().invoke(sample);
        }
        try {
          canonical.newInstance(args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof NullPointerException) {
            neverNull.add(ContractClasses.jsonName(components[i]));
          } else {
            throw e;
          }
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    return neverNull;
  }

  private static List<String> schema(Class<?> type) {
    List<String> schema = sections(LINES, "  schemas", 4).get(type.getSimpleName());
    assertThat(schema).as("components/schemas/%s", type.getSimpleName()).isNotNull();
    return schema;
  }

  /** Property name → its schema text (one line, or several for a block property). */
  private static Map<String, String> properties(List<String> schema) {
    return sections(schema, "      properties", 8).entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                entry -> String.join("\n", entry.getValue()),
                (a, b) -> a,
                LinkedHashMap::new));
  }

  private static Set<String> required(List<String> schema) {
    return new LinkedHashSet<>(flowList(schema, "required"));
  }

  /** A `key: [a, b]` list directly under the schema (six spaces), empty when absent. */
  private static List<String> flowList(List<String> schema, String key) {
    String prefix = "      " + key + ": [";
    return schema.stream()
        .filter(line -> line.startsWith(prefix) && line.endsWith("]"))
        .findFirst()
        .map(line -> line.substring(prefix.length(), line.length() - 1))
        .map(list -> Arrays.stream(list.split(",")).map(String::trim).toList())
        .orElse(List.of());
  }

  private static String address(List<String> channel) {
    return channel.stream()
        .filter(line -> line.startsWith("    address: "))
        .map(line -> line.substring("    address: ".length()).trim())
        .findFirst()
        .orElseThrow();
  }

  /**
   * The entries under the line {@code parent:} (matched after trimming leading spaces only when the
   * parent is given without indentation), each entry being the lines of its key at {@code indent}
   * spaces up to the next key at that indentation or less.
   */
  private static Map<String, List<String>> sections(List<String> lines, String parent, int indent) {
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals(parent + ":")) {
        start = i + 1;
        break;
      }
    }
    assertThat(start).as("section %s", parent.trim()).isPositive();
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : lines.subList(start, lines.size())) {
      if (line.isBlank() || line.trim().startsWith("#")) {
        continue;
      }
      int depth = line.length() - line.stripLeading().length();
      if (depth < indent) {
        break;
      }
      Matcher key = KEY.matcher(line);
      if (depth == indent && key.matches()) {
        current = new ArrayList<>();
        sections.put(key.group(2), current);
      }
      if (current != null) {
        current.add(line);
      }
    }
    return sections;
  }
}
