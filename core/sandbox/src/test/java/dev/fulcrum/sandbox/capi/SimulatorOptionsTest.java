package dev.fulcrum.sandbox.capi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

  private static final WorkloadApis NO_APIS = new WorkloadApis() {
    @Override
    public String url(String name) {
      return "http://127.0.0.1:1/clusters/" + name;
    }

    @Override
    public void create(String name) {}

    @Override
    public boolean delete(String name) {
      return false;
    }

    @Override
    public boolean exists(String name) {
      return false;
    }

    @Override
    public Endpoint endpoint() {
      return new Endpoint("127.0.0.1", 1);
    }
  };

  @Test
  void failuresAreInjectedByNamePatternLabelOrBoth() {
    FailureInjection rules = FailureInjection.byNamePattern("dev-1-general-.*", MachineFailure.NEVER_GETS_NODE)
        .and(FailureInjection.byLabel("chaos", "on", MachineFailure.NODE_UNHEALTHY));

    assertThat(rules.failuresFor(machine("dev-1-general-abcde", Map.of())))
        .containsExactly(MachineFailure.NEVER_GETS_NODE);
    assertThat(rules.failuresFor(machine("dev-1-control-plane-abcde", Map.of("chaos", "on"))))
        .containsExactly(MachineFailure.NODE_UNHEALTHY);
    assertThat(rules.failuresFor(machine("dev-1-general-abcde", Map.of("chaos", "on"))))
        .containsExactlyInAnyOrder(MachineFailure.NEVER_GETS_NODE, MachineFailure.NODE_UNHEALTHY);
    assertThat(rules.failuresFor(machine("dev-1-control-plane-abcde", Map.of("chaos", "off")))).isEmpty();
    assertThat(FailureInjection.none().failuresFor(machine("any", Map.of()))).isEmpty();
  }

  @Test
  void aRuleWithoutFailuresIsRefused() {
    assertThatThrownBy(() -> FailureInjection.byLabel("chaos", "on"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one failure");
  }

  @Test
  void optionsDefaultToDemoDelaysAndRefuseNonsense() {
    SimulatorOptions options = SimulatorOptions.of(NO_APIS, SimulatorFixture.DEV);
    assertThat(options.delays()).isEqualTo(Delays.demo());
    assertThat(options.withResync(Duration.ofSeconds(5)).resync()).isEqualTo(Duration.ofSeconds(5));

    assertThatThrownBy(() -> SimulatorOptions.of(NO_APIS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("infraKinds");
    assertThatThrownBy(() -> options.withResync(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resync");
    assertThatThrownBy(() -> new Delays(Duration.ZERO, Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO,
        Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrapData");
    assertThat(new SimulatorOptions(List.of(SimulatorFixture.DEV), NO_APIS, Delays.none(), FailureInjection.none(),
        Duration.ofSeconds(1)).infraKinds()).containsExactly(SimulatorFixture.DEV);
  }

  @Test
  void infraKindsAreReadFromADescriptorsSpelling() {
    assertThat(InfraKinds.of("infrastructure.cluster.x-k8s.io/v1beta2", "DevCluster", "DevMachine",
        "DevMachineTemplate", "v1beta2")).isEqualTo(SimulatorFixture.DEV);
    assertThatThrownBy(() -> InfraKinds.of("v1beta2", "DevCluster", "DevMachine", "DevMachineTemplate", "v1beta2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiVersion");
    assertThatThrownBy(() -> InfraKinds.of("infrastructure.cluster.x-k8s.io/v1beta2", "DevCluster", "DevMachine",
        "DevMachineTemplate", "v1alpha4")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contract").hasMessageContaining("v1alpha4");
  }

  private static FailureInjection.Target machine(String name, Map<String, String> labels) {
    return new FailureInjection.Target("team-a--dev-1", name, labels);
  }
}
