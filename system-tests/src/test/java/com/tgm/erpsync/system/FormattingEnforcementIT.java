package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The build itself rejects a misformatted file: a throwaway module inheriting the project's parent
 * POM fails its {@code validate} phase on one, and passes on the same code formatted.
 */
class FormattingEnforcementIT {
  private static final Path ROOT =
      Path.of(System.getProperty("tgm.repo.root", "..")).toAbsolutePath().normalize();

  @Test
  void buildFailsOnAMisformattedFileAndPassesOnceFormatted() throws Exception {
    Path module = ROOT.resolve("system-tests/target/formatting-probe");
    Path source = module.resolve("src/main/java/probe/Probe.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        module.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>com.tgm.erpsync</groupId>
            <artifactId>tgm-erp-sync</artifactId>
            <version>0.1.0-SNAPSHOT</version>
            <relativePath>../../../pom.xml</relativePath>
          </parent>
          <artifactId>formatting-probe</artifactId>
        </project>
        """);

    Files.writeString(source, "package probe;\nclass Probe {   int  x;\n}\n");
    Result misformatted = validate(module);
    assertThat(misformatted.exitCode()).isNotZero();
    assertThat(misformatted.output()).contains("format violations").contains("Probe.java");

    Files.writeString(source, "package probe;\n\nclass Probe {\n  int x;\n}\n");
    Result formatted = validate(module);
    assertThat(formatted.exitCode()).as(formatted.output()).isZero();
  }

  private static Result validate(Path module) throws IOException, InterruptedException {
    Path log = module.resolve("validate.log");
    Process maven =
        new ProcessBuilder(ROOT.resolve("mvnw").toString(), "-B", "-o", "validate")
            .directory(module.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!maven.waitFor(5, TimeUnit.MINUTES)) {
      maven.destroyForcibly();
      throw new AssertionError("maven validate did not finish");
    }
    return new Result(maven.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String output) {}
}
