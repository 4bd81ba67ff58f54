package dev.fulcrum.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's configuration from its environment, and the spec checks, through their public API. */
class AgentConfigAndSpecTest {

  private static final String TOKEN = "tok-9d2e4b";

  @Test
  void readsTheEnvironmentAndNeverShowsTheToken() {
    AgentConfig config = AgentConfig.fromEnvironment(Map.of("FULCRUM_SERVER_URL", "http://10.0.0.1:8080",
        "FULCRUM_AGENT_TOKEN", TOKEN, "FULCRUM_CLUSTER", "team-a/edge-42"));

    assertThat(config.serverUrl()).hasToString("http://10.0.0.1:8080");
    assertThat(config.project()).isEqualTo("team-a");
    assertThat(config.clusterName()).isEqualTo("edge-42");
    assertThat(config.token()).isEqualTo(TOKEN);
    assertThat(config.toString()).doesNotContain(TOKEN).contains("redacted");
  }

  @Test
  void namesEveryMissingVariableAtOnce() {
    assertThatThrownBy(() -> AgentConfig.fromEnvironment(Map.of("FULCRUM_AGENT_TOKEN", TOKEN)))
        .hasMessageContaining("FULCRUM_SERVER_URL, FULCRUM_CLUSTER").hasMessageNotContaining(TOKEN);
  }

  @Test
  void invalidValuesAreNamedWithoutTheToken() {
    assertThatThrownBy(() -> AgentConfig.fromEnvironment(Map.of("FULCRUM_SERVER_URL", "ftp://x",
        "FULCRUM_AGENT_TOKEN", TOKEN, "FULCRUM_CLUSTER", "edge-42")))
        .hasMessageContaining("serverUrl: must be an http or https URL")
        .hasMessageContaining("cluster: must be <project>/<name>").hasMessageNotContaining(TOKEN);
  }

  @Test
  void aSpecWithProblemsNamesEachByFieldPath() {
    String json = """
        {"version": "", "cluster": "team-a/edge-42", "namespace": "team-a--edge-42", "clusterName": "edge-42",
         "stages": [{"kubernetesVersion": "1.33", "objects": [
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "kube-system"}},
            {"kind": "MachineDeployment", "metadata": {"namespace": "team-a--edge-42"}}]}]}""";

    assertThatThrownBy(() -> DesiredSpec.parse(json)).isInstanceOfSatisfying(DesiredSpec.InvalidSpecException.class,
        e -> assertThat(e.problems()).containsExactly(
            "version: required, a non-empty string",
            "stages[0].kubernetesVersion: not a Kubernetes version (vMAJOR.MINOR.PATCH): 1.33",
            "stages[0].objects[0].metadata.namespace: must be the cluster's namespace team-a--edge-42, got"
                + " 'kube-system'",
            "stages[0].objects[1].apiVersion: required, a non-empty string",
            "stages[0].objects[1].metadata.name: required, a non-empty string"));
  }

  @Test
  void aSpecRoundTripsThroughItsJson() {
    String json = TestSpecs.json("3-abc", false, java.util.List.of(TestSpecs.dockerExample("edge-42")));
    DesiredSpec spec = DesiredSpec.parse(json);

    assertThat(spec.version()).isEqualTo("3-abc");
    assertThat(spec.project()).isEqualTo("team-a");
    assertThat(spec.desired().kubernetesVersion()).isEqualTo("v1.33.4");
    assertThat(spec.desired().objects()).hasSize(9);
    assertThat(DesiredSpec.parse(spec.toJson())).isEqualTo(spec);
  }

  @Test
  void addonLayersWithProblemsAreNamedByFieldPath() {
    String stage = TestSpecs.json("1", false, java.util.List.of(TestSpecs.dockerExample("edge-42")));
    String json = stage.substring(0, stage.length() - 1) + """
        ,"addons": {"layers": [
          {"id": "obs.ns", "profile": "obs", "profileVersion": "1.0.0", "layer": "ns", "namespace": "Monitoring",
           "drift": "fix", "objects": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "m"}}]},
          {"id": "obs.ns", "profile": "obs", "profileVersion": "1.0.0", "layer": "metrics", "namespace": "m",
           "dependsOn": ["obs.later"], "objects": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}},
             {"kind": "ConfigMap", "metadata": {"name": "c"}}]},
          {"id": "bad id!", "layer": "x", "namespace": "m"}]}}""";

    assertThatThrownBy(() -> DesiredSpec.parse(json)).isInstanceOfSatisfying(DesiredSpec.InvalidSpecException.class,
        e -> assertThat(e.problems()).containsExactly(
            "addons.layers[0].namespace: must be a DNS-1123 label, got 'Monitoring'",
            "addons.layers[0].drift: must be one of [correct, report], got \"fix\"",
            "addons.layers[1].id: 'obs.ns' is the id of an earlier layer",
            "addons.layers[1].dependsOn[0]: 'obs.later' is not the id of an earlier layer",
            "addons.layers[1].objects[0]: ConfigMap m/c is already at addons.layers[0].objects[0]",
            "addons.layers[1].objects[1].apiVersion: required, a non-empty string",
            "addons.layers[2].id: must be a label value (at most 63 letters, digits, '-', '_', '.'), got 'bad id!'",
            "addons.layers[2].profile: required, a non-empty string",
            "addons.layers[2].profileVersion: required, a non-empty string",
            "addons.layers[2].objects: required, a list of Kubernetes objects"));
  }

  @Test
  void aSpecWithAddonsRoundTripsThroughItsJsonAsTheContractWritesIt() {
    String json = new AddonLayers().layer("obs", "1.0.0", "metrics", "monitoring", "report", java.util.List.of(),
        AddonLayers.configMap("c", "", "v")).addTo(TestSpecs.json("2", false,
        java.util.List.of(TestSpecs.dockerExample("edge-42"))));
    DesiredSpec spec = DesiredSpec.parse(json);

    DesiredSpec.AddonLayer layer = spec.addons().layers().get(0);
    assertThat(layer.id()).isEqualTo("obs.metrics");
    assertThat(layer.drift()).isEqualTo(DesiredSpec.Drift.REPORT);
    assertThat(layer.objects()).hasSize(1);
    assertThat(DesiredSpec.parse(spec.toJson())).isEqualTo(spec);
    assertThat(dev.fulcrum.core.yaml.Mappers.json().readTree(spec.toJson()).at("/addons/layers/0/drift").asString())
        .isEqualTo("report");
    assertThat(DesiredSpec.parse(TestSpecs.json("2", false, java.util.List.of(TestSpecs.dockerExample("edge-42"))))
        .addons().layers()).isEmpty();
  }
}
