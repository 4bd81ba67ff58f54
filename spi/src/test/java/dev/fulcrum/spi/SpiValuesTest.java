package dev.fulcrum.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPI values are immutable: a provider cannot change what it handed to the core, nor the core a provider's input. */
class SpiValuesTest {

  @Test
  void manifestBodyIsADeepImmutableCopy() {
    List<Object> devices = new ArrayList<>(List.of(Map.of("networkName", "VM Network")));
    Map<String, Object> spec = new HashMap<>(Map.of("network", Map.of("devices", devices)));

    Manifest manifest = Manifest.of("infrastructure.cluster.x-k8s.io/v1beta2", "VSphereMachineTemplate", spec);
    spec.put("numCPUs", 4);
    devices.add(Map.of("networkName", "other"));

    assertThat(manifest.spec()).containsOnlyKeys("network");
    assertThat(new Settings(manifest.spec()).object("network").list("devices")).hasSize(1);
    assertThatThrownBy(() -> manifest.spec().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void treesAcceptOnlyJsonValues() {
    assertThatThrownBy(() -> Manifest.of("v1", "Thing", Map.of("when", new Object())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON value");
  }

  @Test
  void settingsGiveTypedAccess() {
    Settings settings =
        new Settings(Map.of("region", "eu-west-1", "rootVolumeSize", 40, "ami", Map.of("id", "ami-1")));

    assertThat(settings.string("region")).contains("eu-west-1");
    assertThat(settings.integer("rootVolumeSize")).contains(40L);
    assertThat(settings.object("ami").string("id")).contains("ami-1");
    assertThat(settings.string("missing")).isEmpty();
    assertThat(settings.object("missing")).isEqualTo(Settings.EMPTY);
  }

  @Test
  void credentialPolicyDefaultKindMustBeAccepted() {
    assertThat(CredentialPolicy.required("Secret", "Secret", "VSphereClusterIdentity").defaultKind()).isEqualTo("Secret");
    assertThatThrownBy(() -> CredentialPolicy.optional("Secret", "AWSClusterStaticIdentity"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void descriptorRejectsAnUnknownContract() {
    assertThatThrownBy(
            () ->
                new ProviderDescriptor(
                    "x", "X", "infrastructure.cluster.x-k8s.io/v1beta2", "XCluster", "XMachine",
                    "XMachineTemplate", "v1alpha9", List.of(), CredentialPolicy.none(), "{}", "{}"))
        .hasMessageContaining("contract");
  }
}
