package dev.fulcrum.core.request;

import static dev.fulcrum.core.request.Requests.errors;
import static dev.fulcrum.core.request.Requests.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.CredentialPolicy;
import dev.fulcrum.spi.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** spec.provider and spec.kubernetesVersion. */
class ProviderAndVersionTest {
  private final RequestReader reader =
      TestProvider.readerFor(TestProvider.lab(), TestProvider.permissive("other", CredentialPolicy.none()));

  @Test
  void requiresTheProviderNamingTheLoadedOnes() {
    ObjectNode request = Requests.valid();
    spec(request).remove("provider");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError("spec.provider", "required: the id of the infrastructure provider (loaded: lab, other)"));
  }

  @Test
  void refusesAProviderThatIsNotLoadedListingTheLoadedOnes() {
    ObjectNode request = Requests.valid();
    spec(request).put("provider", "openstack");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError("spec.provider", "must name a loaded provider (loaded: lab, other); got 'openstack'"));
  }

  @Test
  void saysWhenNoProviderIsLoaded() {
    RequestReader withoutProviders = TestProvider.readerFor();

    assertThat(errors(withoutProviders, Requests.valid()))
        .containsExactly(new FieldError("spec.provider", "must name a loaded provider (none is loaded); got 'lab'"));
  }

  @Test
  void requiresTheKubernetesVersion() {
    ObjectNode request = Requests.valid();
    spec(request).remove("kubernetesVersion");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.kubernetesVersion",
                "required: a Kubernetes version such as v1.33.4, v1.32.0 <= version < v1.37.0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.33.4", "v1.33", "v1.33.4-rc.1", "v1.33.4+build", "v1.033.4", "latest"})
  void refusesVersionsThatAreNotReleaseVersions(String version) {
    ObjectNode request = Requests.valid();
    spec(request).put("kubernetesVersion", version);

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.kubernetesVersion",
                "must be a Kubernetes release version vMAJOR.MINOR.PATCH, e.g. v1.33.4 (with the 'v', no"
                    + " pre-release or build suffix); got '" + version + "'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1.31.9", "v1.37.0", "v2.0.0", "v0.32.0"})
  void refusesVersionsOutsideTheSupportedRange(String version) {
    ObjectNode request = Requests.valid();
    spec(request).put("kubernetesVersion", version);

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.kubernetesVersion",
                "must be within the supported range v1.32.0 <= version < v1.37.0; got " + version));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1.32.0", "v1.36.99", "v1.34.10"})
  void acceptsVersionsInTheSupportedRange(String version) {
    ObjectNode request = Requests.valid();
    spec(request).put("kubernetesVersion", version);

    assertThat(reader.read(Requests.json(request)).kubernetesVersion()).isEqualTo(version);
  }
}
