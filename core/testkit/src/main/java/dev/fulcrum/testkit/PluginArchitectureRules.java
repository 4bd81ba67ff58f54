package dev.fulcrum.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.fulcrum.spi.InfrastructureProvider;
import org.pf4j.Extension;

/**
 * ArchUnit rules every provider plugin applies to its production classes (Jenkins-style shared rule
 * set). A plugin's architecture test imports its own package without tests and declares
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "dev.fulcrum.plugins.aws", importOptions = ImportOption.DoNotIncludeTests.class)
 * class AwsArchitectureTest {
 *   @ArchTest static final ArchRule dependencies =
 *       PluginArchitectureRules.onlySpiPf4jAndJdk("dev.fulcrum.plugins.aws");
 *   @ArchTest static final ArchTests common = ArchTests.in(PluginArchitectureRules.class);
 * }
 * }</pre>
 */
public final class PluginArchitectureRules {
  /** Plugin packages form no cycles. */
  @ArchTest
  public static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("dev.fulcrum.plugins.(**)").should().beFreeOfCycles();

  /** The core is out of reach: a plugin sees the server only through the SPI. */
  @ArchTest
  public static final ArchRule NO_CORE_ACCESS = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("dev.fulcrum.core..", "dev.fulcrum.testkit..")
      .because("plugins depend on the SPI only");

  /** PF4J can find and instantiate every extension, and it is an infrastructure provider. */
  @ArchTest
  public static final ArchRule EXTENSIONS_ARE_PUBLIC_PROVIDERS = classes().that().areAnnotatedWith(Extension.class)
      .should().implement(InfrastructureProvider.class)
      .andShould().bePublic()
      .allowEmptyShould(false);

  private PluginArchitectureRules() {}

  /**
   * Classes in {@code pluginPackage} depend only on the SPI, PF4J, the JDK and their own package:
   * no third-party library leaks into a plugin's classes unnoticed, and no plugin reaches another.
   */
  public static ArchRule onlySpiPf4jAndJdk(String pluginPackage) {
    return classes().that().resideInAPackage(pluginPackage + "..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage(pluginPackage + "..", "dev.fulcrum.spi..", "org.pf4j..", "java..")
        .because("a plugin compiles against the SPI only (DESIGN.md section 2)");
  }
}
