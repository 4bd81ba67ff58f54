package dev.fulcrum.spi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The SPI is what third parties compile against: it may depend on its allow-list only. */
@AnalyzeClasses(packages = "dev.fulcrum.spi", importOptions = ImportOption.DoNotIncludeTests.class)
class SpiArchitectureTest {

  @ArchTest
  static final ArchRule spiDependsOnlyOnItsAllowList =
      classes()
          .that()
          .resideInAPackage("dev.fulcrum.spi..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.fulcrum.spi..", "java..", "org.pf4j..")
          .because("plugins compile against the SPI alone; anything else would leak into every plugin");
}
