package com.tgm.erpsync.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The local state: everything the stack writes lives under {@code .local/} at the repo root. */
record StateDir(Path root, Path local) {

  static final String MODULE = "deploy/local-stack";

  /** The repo root is the working directory: the ./local-stack script cds there. */
  static StateDir fromWorkingDirectory() throws StartupException {
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(root.resolve(MODULE))) {
      throw new StartupException(
          "run the launcher from the repository root (./local-stack); " + root + " is not one");
    }
    return new StateDir(root, root.resolve(".local"));
  }

  Path postgresData() {
    return local.resolve("postgres");
  }

  Path kafka() {
    return local.resolve("kafka");
  }

  Path logs() {
    return local.resolve("logs");
  }

  Path secrets() {
    return local.resolve("secrets");
  }

  Path log(String name) {
    return logs().resolve(name + ".log");
  }

  /** Written at build time by maven-dependency-plugin (see the module's pom). */
  Path kafkaBrokerClasspathFile() {
    return root.resolve(MODULE).resolve("target/kafka-broker.classpath");
  }

  /** Relative to the repo root, for messages a user can paste. */
  String display(Path path) {
    return root.relativize(path.toAbsolutePath()).toString();
  }

  void createDirectories() throws IOException {
    Files.createDirectories(logs());
    Files.createDirectories(kafka());
    Files.createDirectories(secrets());
  }

  /** --clean: fresh database and broker; secrets and logs stay. */
  void cleanData() throws IOException {
    deleteRecursively(postgresData());
    deleteRecursively(kafka());
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
