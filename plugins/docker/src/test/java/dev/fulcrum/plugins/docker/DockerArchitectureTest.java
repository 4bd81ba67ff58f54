package dev.fulcrum.plugins.docker;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.fulcrum.testkit.PluginArchitectureRules;

@AnalyzeClasses(packages = "dev.fulcrum.plugins.docker", importOptions = ImportOption.DoNotIncludeTests.class)
class DockerArchitectureTest {
  @ArchTest
  static final ArchRule DEPENDENCIES = PluginArchitectureRules.onlySpiPf4jAndJdk("dev.fulcrum.plugins.docker");

  @ArchTest
  static final ArchTests COMMON = ArchTests.in(PluginArchitectureRules.class);
}
