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
}
