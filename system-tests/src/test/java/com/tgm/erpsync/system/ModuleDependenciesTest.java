package com.tgm.erpsync.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Services share only the contracts and libraries: no service module depends on another. The one
 * exception is the erp-sandbox's simulator core (its {@code core} jar, no Quarkus app inside),
 * which tests may use in-process: the sandbox is a service and a test library.
 */
class ModuleDependenciesTest {
  private static final Path ROOT =
      Path.of(System.getProperty("tgm.repo.root", "..")).toAbsolutePath().normalize();
  private static final Set<String> SERVICES =
      Set.of(
          "connection-service",
          "mapping-service",
          "sync-orchestrator",
          "connector-sap",
          "connector-dynamics",
          "connector-oracle",
          "webhook-gateway",
          "erp-sandbox");

  @Test
  void noServiceModuleDependsOnAnotherServiceModule() throws Exception {
    for (String service : SERVICES) {
      assertThat(projectDependencies(ROOT.resolve(service).resolve("pom.xml")))
          .as("project dependencies of " + service)
          .doesNotContainAnyElementsOf(SERVICES);
    }
  }

  @Test
  void theContractsDependOnJacksonAnnotationsAlone() throws Exception {
    Document pom = parse(ROOT.resolve("sync-contracts/pom.xml"));
    List<String> compileScoped = new ArrayList<>();
    NodeList dependencies = pom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (text(dependency, "scope") == null || "compile".equals(text(dependency, "scope"))) {
        compileScoped.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
      }
    }
    assertThat(compileScoped).containsExactly("com.fasterxml.jackson.core:jackson-annotations");
  }

  private static List<String> projectDependencies(Path pomFile) throws Exception {
    assertThat(pomFile).exists();
    List<String> artifacts = new ArrayList<>();
    NodeList dependencies = parse(pomFile).getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if ("com.tgm.erpsync".equals(text(dependency, "groupId"))
          && !isSandboxCoreInTests(dependency)) {
        artifacts.add(text(dependency, "artifactId"));
      }
    }
    return artifacts;
  }

  private static boolean isSandboxCoreInTests(Element dependency) {
    return "erp-sandbox".equals(text(dependency, "artifactId"))
        && "core".equals(text(dependency, "classifier"))
        && "test".equals(text(dependency, "scope"));
  }

  private static Document parse(Path pomFile) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(Files.newInputStream(pomFile));
  }

  private static String text(Element element, String tag) {
    NodeList nodes = element.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }
}
