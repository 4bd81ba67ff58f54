package dev.fulcrum.core.request;

import static dev.fulcrum.core.request.Requests.errors;
import static dev.fulcrum.core.request.Requests.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.FieldError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** spec.profiles: stored by name and version. */
class ProfilesTest {
  private final RequestReader reader = TestProvider.readerFor(TestProvider.lab());

  private static ArrayNode profiles(ObjectNode request) {
    return (ArrayNode) spec(request).get("profiles");
  }

  @Test
  void keepsTheProfilesInOrder() {
    ObjectNode request = Requests.valid();
    profiles(request).addObject().put("name", "security").put("version", "2.1.0-rc.1+build.5");

    assertThat(reader.readWorkloadCluster(Requests.json(request)).profiles())
        .containsExactly(new ProfileRef("observability", "1.0.0"), new ProfileRef("security", "2.1.0-rc.1+build.5"));
  }

  @Test
  void acceptsNoProfiles() {
    ObjectNode request = Requests.valid();
    spec(request).remove("profiles");

    assertThat(reader.readWorkloadCluster(Requests.json(request)).profiles()).isEmpty();
  }

  @Test
  void requiresADnsLabelNameAndASemanticVersion() {
    ObjectNode request = Requests.valid();
    profiles(request).addObject().put("name", "Security").put("version", "v2.1");
    profiles(request).addObject().put("name", "observability").put("version", "1.0.1");
    profiles(request).addObject().put("version", "1.0.0");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.profiles[1].name",
                "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter"
                    + " or digit; got 'Security'"),
            new FieldError(
                "spec.profiles[1].version",
                "must be a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0 (no 'v'); got 'v2.1'"),
            new FieldError(
                "spec.profiles[2].name", "duplicates spec.profiles[0].name; a profile can be asked for once"),
            new FieldError("spec.profiles[3].name", "required: the profile name"));
  }

  @Test
  void keepsTheVariablesAndOverrides() {
    ObjectNode request = Requests.valid();
    spec(request).putObject("variables").put("replicas", 2).put("clusterLabel", "edge").put("debug", true);
    ObjectNode override = spec(request).putArray("overrides").addObject();
    override.put("profile", "observability").put("layer", "metrics");
    override.putObject("values").putObject("resources").put("cpu", "100m");

    WorkloadCluster cluster = reader.readWorkloadCluster(Requests.json(request));

    assertThat(cluster.variables()).containsExactly(
        java.util.Map.entry("clusterLabel", "edge"), java.util.Map.entry("debug", true), java.util.Map.entry("replicas", 2));
    assertThat(cluster.overrides())
        .containsExactly(
            new ProfileOverride("observability", "metrics", java.util.Map.of("resources", java.util.Map.of("cpu", "100m"))));
  }

  @Test
  void refusesBadVariablesAndOverrides() {
    ObjectNode request = Requests.valid();
    ObjectNode variables = spec(request).putObject("variables");
    variables.putObject("replicas").put("value", 2);
    variables.put("cluster-label", "edge");
    ArrayNode overrides = spec(request).putArray("overrides");
    overrides.addObject().put("profile", "security").put("layer", "policies").putObject("values");
    overrides.addObject().put("profile", "observability").put("layer", "metrics").put("values", "replicaCount: 2");
    overrides.addObject().put("profile", "observability").put("layer", "metrics").putObject("values");
    overrides.addObject().put("profile", "observability").put("layer", "metrics").putObject("values");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError("spec.overrides[0].profile", "must name a profile the cluster uses (spec.profiles); got 'security'"),
            new FieldError("spec.overrides[1].values", "must be an object, got a string"),
            new FieldError("spec.overrides[2]", "duplicates spec.overrides[1]; a layer can be overridden once"),
            new FieldError("spec.overrides[3]", "duplicates spec.overrides[1]; a layer can be overridden once"),
            new FieldError(
                "spec.variables.cluster-label",
                "must be a variable name: letters, digits and '_', not starting with a digit"),
            new FieldError("spec.variables.replicas", "must be a string, a number or a boolean, got an object"));
  }
}
