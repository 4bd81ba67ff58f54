package dev.fulcrum.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Upgrades go one minor at a time; skipped minors are passed at their .0 release. */
class UpgradePlanTest {
  @Test
  void oneMinorIsOneStage() {
    assertThat(UpgradePlan.versions(Optional.of("v1.32.3"), "v1.33.4")).containsExactly("v1.33.4");
  }

  @Test
  void twoMinorsAreTwoStages() {
    assertThat(UpgradePlan.versions(Optional.of("v1.32.3"), "v1.34.2")).containsExactly("v1.33.0", "v1.34.2");
  }

  @Test
  void fourMinorsAreFourStages() {
    assertThat(UpgradePlan.versions(Optional.of("v1.32.0"), "v1.36.1"))
        .containsExactly("v1.33.0", "v1.34.0", "v1.35.0", "v1.36.1");
  }

  @Test
  void aPatchOrAnUnknownStartingPointIsTheRequestedVersionOnly() {
    assertThat(UpgradePlan.versions(Optional.of("v1.33.1"), "v1.33.4")).containsExactly("v1.33.4");
    assertThat(UpgradePlan.versions(Optional.empty(), "v1.34.2")).containsExactly("v1.34.2");
    assertThat(UpgradePlan.versions(Optional.of("v1.34.2"), "v1.34.2")).containsExactly("v1.34.2");
  }
}
