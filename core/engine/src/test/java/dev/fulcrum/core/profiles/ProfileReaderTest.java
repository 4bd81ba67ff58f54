package dev.fulcrum.core.profiles;

import static dev.fulcrum.core.profiles.Profiles.json;
import static dev.fulcrum.core.profiles.Profiles.layer;
import static dev.fulcrum.core.profiles.Profiles.spec;
import static dev.fulcrum.core.profiles.Profiles.variable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.spi.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** ClusterProfile validation at apply time: every rule, reported by field path. */
class ProfileReaderTest {
  private final ProfileReader reader = new ProfileReader(new HelmRenderer());

  private List<FieldError> errors(ObjectNode profile) {
    try {
      reader.read(json(profile));
    } catch (InvalidRequestException invalid) {
      return invalid.errors();
    }
    throw new AssertionError("the profile was accepted");
  }

  @Test
  void readsTheBuiltInProfiles() {
    ClusterProfile observability = reader.read(json(Profiles.observability()));
    ClusterProfile cni = reader.read(json(Profiles.cni()));

    assertThat(observability.objectName()).isEqualTo("observability.1.0.0");
    assertThat(observability.drift()).isEqualTo(DriftPolicy.CORRECT);
    assertThat(observability.layers()).extracting(ProfileLayer::name).containsExactly("namespace", "metrics");
    assertThat(observability.layers().get(1).dependsOn()).containsExactly("namespace");
    assertThat(observability.layers().get(1).chart()).containsInstanceOf(ChartSource.Archive.class);
    assertThat(observability.variable("replicas").orElseThrow().type()).isEqualTo(VariableType.INTEGER);
    assertThat(cni.layers().get(0).manifests()).extracting(o -> o.path("kind").asString())
        .containsExactly("ServiceAccount", "ConfigMap", "Deployment");
  }

  @Test
  void refusesAHelmLayerWithoutAChart() {
    ObjectNode profile = Profiles.observability();
    layer(profile, 1).remove("chart");

    assertThat(errors(profile))
        .containsExactly(
            new FieldError(
                "spec.layers[1].chart",
                "required: the layer's Helm chart: archive (a packaged chart, base64), or repository, name and"
                    + " version"));
  }

  @Test
  void refusesAnArchiveThatIsNotAChart() {
    ObjectNode profile = Profiles.observability();
    ((ObjectNode) layer(profile, 1).get("chart")).put("archive", "bm90IGEgY2hhcnQ=");

    assertThat(errors(profile))
        .containsExactly(
            new FieldError(
                "spec.layers[1].chart.archive",
                "must be a packaged chart (.tgz, gzip-compressed) in base64; this is not gzip data"));
  }

  @Test
  void refusesValuesTheChartRejectsWithHelmsMessage() {
    ObjectNode profile = Profiles.observability();
    ((ObjectNode) layer(profile, 1).get("values")).put("scrapeInterval", "soon");

    List<FieldError> errors = errors(profile);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).path()).isEqualTo("spec.layers[1].values");
    assertThat(errors.get(0).message())
        .startsWith("Helm cannot render the chart with these values (variables at their defaults): ")
        .contains("scrapeInterval");
  }

  @Test
  void refusesADefaultOfTheWrongType() {
    ObjectNode profile = Profiles.observability();
    variable(profile, 0).put("default", "two");

    assertThat(errors(profile))
        .containsExactly(
            new FieldError("spec.variables[0].default", "must be an integer (the variable's type), got a string"));
  }

  @Test
  void refusesAnUnknownVariableType() {
    ObjectNode profile = Profiles.observability();
    variable(profile, 1).put("type", "text");

    assertThat(errors(profile))
        .contains(new FieldError("spec.variables[1].type", "must be string, integer, number or boolean; got 'text'"));
  }

  @Test
  void refusesACycleBetweenLayers() {
    ObjectNode profile = Profiles.observability();
    layer(profile, 0).putArray("dependsOn").add("metrics");

    assertThat(errors(profile))
        .containsExactly(
            new FieldError("spec.layers[0].dependsOn[0]", "makes a dependency cycle: namespace -> metrics -> namespace"));
  }

  @Test
  void refusesADependencyOnALaterLayerOrAnUnknownOne() {
    ObjectNode profile = Profiles.observability();
    layer(profile, 1).remove("dependsOn");
    layer(profile, 0).putArray("dependsOn").add("metrics").add("storage");

    assertThat(errors(profile))
        .containsExactly(
            new FieldError(
                "spec.layers[0].dependsOn[0]",
                "names a later layer (metrics); layers apply in order, so move it before namespace in spec.layers"),
            new FieldError(
                "spec.layers[0].dependsOn[1]", "must name a layer of this profile (namespace, metrics); got 'storage'"));
  }

  @Test
  void refusesAVersionThatIsNotSemver() {
    ObjectNode profile = Profiles.observability();
    spec(profile).put("version", "v1.0");

    assertThat(errors(profile))
        .containsExactly(
            new FieldError("spec.version", "must be a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0 (no 'v'); got 'v1.0'"));
  }

  @Test
  void refusesBuildMetadataInTheVersion() {
    ObjectNode profile = Profiles.observability();
    spec(profile).put("version", "1.0.0+build.7");

    assertThat(errors(profile)).extracting(FieldError::path).containsExactly("spec.version");
  }

  @Test
  void refusesReferencesToUndeclaredVariables() {
    ObjectNode profile = Profiles.observability();
    ((ObjectNode) layer(profile, 1).get("values")).put("image", "repo/${registry}:1");
    layer(profile, 0).put("manifests", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespaceName}\n");

    assertThat(errors(profile))
        .containsExactly(
            new FieldError(
                "spec.layers[0].manifests",
                "document 1 (metadata.name) references ${namespaceName}, which spec.variables does not declare"
                    + " (declared: clusterLabel, replicas)"),
            new FieldError(
                "spec.layers[1].values.image",
                "references ${registry}, which spec.variables does not declare (declared: clusterLabel, replicas)"));
  }

  @Test
  void refusesManifestsThatAreNotKubernetesObjects() {
    ObjectNode profile = Profiles.cni();
    layer(profile, 0).put("manifests", "kind: ConfigMap\nmetadata: {name: a}\n---\n- just\n- a list\n");

    assertThat(errors(profile))
        .containsExactly(
            new FieldError("spec.layers[0].manifests", "document 1 is not a Kubernetes object: it needs apiVersion"),
            new FieldError(
                "spec.layers[0].manifests", "document 2 is not a Kubernetes object: must be an object, got a list"));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    ObjectNode profile = Profiles.observability();
    profile.putObject("metadata").put("name", "Observability");
    spec(profile).put("drift", "ignore");
    layer(profile, 1).put("type", "chart");
    layer(profile, 0).put("name", "metrics");

    assertThat(errors(profile))
        .extracting(FieldError::path)
        .containsExactly(
            "metadata.name", "spec.drift", "spec.layers[1].dependsOn[0]", "spec.layers[1].name", "spec.layers[1].type");
  }

  @Test
  void readsAStoredProfileBack() {
    ClusterProfile profile = reader.read(json(Profiles.observability()));
    ObjectNode stored = ClusterProfiles.resource(profile);

    assertThat(reader.fromStored(stored)).usingRecursiveComparison().isEqualTo(profile);
  }
}
