package com.tgm.erpsync.bench.support;

import com.tgm.erpsync.testsupport.ServiceProcess;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A benchmark program's {@code --name=value} options, each name one the program knows. */
public final class BenchOptions {
  private final Map<String, String> values;

  private BenchOptions(Map<String, String> values) {
    this.values = values;
  }

  /** Parses {@code args}; fails on a malformed option or a name not in {@code known}. */
  public static BenchOptions parse(String[] args, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
      if (name == null || !known.contains(name)) {
        throw new IllegalArgumentException(
            "options are " + String.join(", ", known.stream().sorted().toList()) + "; not " + arg);
      }
      values.put(name, arg.substring(equals + 1));
    }
    return new BenchOptions(values);
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  /** JVM options separated by spaces, by default those of the services in the system tests. */
  public List<String> jvmOptions(String name) {
    return Arrays.asList(
        get(name, String.join(" ", ServiceProcess.DEFAULT_JVM_OPTIONS)).trim().split("\\s+"));
  }

  public boolean flag(String name, boolean fallback) {
    return values.containsKey(name) ? Boolean.parseBoolean(values.get(name)) : fallback;
  }
}
