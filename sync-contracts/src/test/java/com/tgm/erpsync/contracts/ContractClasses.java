package com.tgm.erpsync.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Every class compiled from src/main, found on disk so a newly added type is checked too. */
final class ContractClasses {

  private ContractClasses() {}

  static List<Class<?>> all() {
    try {
      Path root =
          Path.of(MessageMeta.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (Stream<Path> files = Files.walk(root)) {
        return files
            .filter(file -> file.toString().endsWith(".class"))
            .map(file -> root.relativize(file).toString())
            .map(name -> name.substring(0, name.length() - ".class".length()))
            .map(name -> name.replace(root.getFileSystem().getSeparator(), "."))
            .filter(name -> !name.contains("$"))
            .sorted()
            .<Class<?>>map(ContractClasses::load)
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Class<?>> records() {
    return all().stream().filter(Class::isRecord).toList();
  }

  static List<Class<?>> enums() {
    return all().stream().filter(Class::isEnum).toList();
  }

  /** JSON property names of a record, in component order (honours @JsonProperty renames). */
  static List<String> jsonProperties(Class<?> recordClass) {
    return Arrays.stream(recordClass.getRecordComponents()).map(ContractClasses::jsonName).toList();
  }

  static String jsonName(RecordComponent component) {
    JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
    return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
