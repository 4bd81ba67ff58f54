package dev.fulcrum.plugins.vsphere;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.fulcrum.testkit.PluginArchitectureRules;

@AnalyzeClasses(packages = "dev.fulcrum.plugins.vsphere", importOptions = ImportOption.DoNotIncludeTests.class)
class VSphereArchitectureTest {
  @ArchTest
  static final ArchRule DEPENDENCIES = PluginArchitectureRules.onlySpiPf4jAndJdk("dev.fulcrum.plugins.vsphere");

  @ArchTest
  static final ArchTests COMMON = ArchTests.in(PluginArchitectureRules.class);
}
