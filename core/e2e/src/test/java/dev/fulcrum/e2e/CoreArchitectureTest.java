package dev.fulcrum.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of DESIGN.md §2, kept by tests rather than review: core is provider-agnostic, plugins are
 * reached only through the SPI, the sandbox is unreachable from production code, and there are no package cycles.
 */
@AnalyzeClasses(packages = "dev.fulcrum", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

  /** Words that name a provider, its API group or its kinds. */
  private static final Pattern PROVIDER_WORD =
      Pattern.compile("(?i)(vsphere|\\baws|azure|docker|\\bcap[avzd]\\b|\\bDev(Cluster|Machine)|\\bec2\\b)");

  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

  @ArchTest
  static final ArchRule coreNeverDependsOnAPlugin =
      noClasses()
          .that()
          .resideInAnyPackage("dev.fulcrum.core..", "dev.fulcrum.cli..", "dev.fulcrum.sandbox..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.fulcrum.plugins..")
          .because("core reaches providers only through the SPI, loaded by PF4J");

  @ArchTest
  static final ArchRule coreNamesNoProviderType =
      noClasses()
          .that()
          .resideInAnyPackage("dev.fulcrum.core..", "dev.fulcrum.cli..", "dev.fulcrum.sandbox..", "dev.fulcrum.spi..")
          .should()
          .haveNameMatching("(?i).*(vsphere|aws|azure|docker).*")
          .because("core never names a provider");

  @ArchTest
  static final ArchRule engineNeverReachesTheSandbox =
      noClasses()
          .that()
          .resideInAPackage("dev.fulcrum.core..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.fulcrum.sandbox..")
          .because("simulated infrastructure must never be reachable from production code paths");

  @ArchTest
  static final ArchRule onlyTheCompositionRootNamesTheSandbox =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.fulcrum.cli..", "dev.fulcrum.sandbox..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.fulcrum.sandbox..")
          .because("only 'fulcrum server' (dev.fulcrum.cli) decides to run the sandbox; the engine and the API never know");

  @ArchTest
  static final ArchRule stepsAreReachedThroughTheEngine =
      noClasses()
          .that()
          .resideInAPackage("dev.fulcrum.core.steps..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.fulcrum.core.engine..", "dev.fulcrum.core.server..", "dev.fulcrum.cli..")
          .because("a step knows the cluster and the management cluster, not who runs it");

  @ArchTest
  static final ArchRule sandboxIsStandalone =
      noClasses()
          .that()
          .resideInAPackage("dev.fulcrum.sandbox..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.fulcrum.core..", "dev.fulcrum.cli..")
          .because("the sandbox plays a Kubernetes API server; it knows nothing of the engine that uses it");

  @ArchTest
  static final ArchRule modulesAreFreeOfCycles = slices().matching("dev.fulcrum.(**)").should().beFreeOfCycles();

  /**
   * ArchUnit sees types, not string constants; a provider's kind, group or id as a literal in core is just as much a
   * leak, so core's sources are scanned for string literals that name one.
   */
  @Test
  void coreSourcesNameNoProviderInAStringLiteral() throws IOException {
    Path repo = Path.of(System.getProperty("fulcrum.repo.dir", "../.."));
    List<String> leaks = new ArrayList<>();
    for (String module : List.of("core/engine", "core/server", "core/cli", "core/sandbox", "spi")) {
      Path sources = repo.resolve(module).resolve("src/main/java");
      assertThat(sources).as("sources of %s", module).isDirectory();
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            Matcher literal = STRING_LITERAL.matcher(lines.get(i));
            while (literal.find()) {
              if (PROVIDER_WORD.matcher(literal.group()).find()) {
                leaks.add(repo.relativize(file) + ":" + (i + 1) + ": " + literal.group());
              }
            }
          }
        }
      }
    }
    assertThat(leaks).as("string literals naming a provider in core").isEmpty();
  }
}
