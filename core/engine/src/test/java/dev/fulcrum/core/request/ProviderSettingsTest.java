package dev.fulcrum.core.request;

import static dev.fulcrum.core.request.Requests.errors;
import static dev.fulcrum.core.request.Requests.metadata;
import static dev.fulcrum.core.request.Requests.pool;
import static dev.fulcrum.core.request.Requests.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.CredentialPolicy;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** spec.infrastructure and machine settings against the provider's schemas, then its own rules. */
class ProviderSettingsTest {
  private final TestProvider lab = TestProvider.lab();
  private final RequestReader reader = TestProvider.readerFor(lab);

  private static ObjectNode infrastructure(ObjectNode request) {
    return (ObjectNode) spec(request).get("infrastructure");
  }

  @Test
  void passesTheSettingsToTheProvider() {
    ClusterRequest request = reader.read(Requests.json(Requests.valid()));

    assertThat(request.infrastructure())
        .isEqualTo(
            new Settings(
                Map.of(
                    "server", "lab.example.com",
                    "port", 8443,
                    "endpoint", Map.of("host", "api.lab.example.com", "port", 6443))));
    assertThat(lab.validated()).containsExactly(request);
  }

  @Test
  void mapsSchemaErrorsToRequestPaths() {
    ObjectNode request = Requests.valid();
    infrastructure(request).remove("server");
    infrastructure(request).put("port", 0);
    infrastructure(request).put("datacenter", "dc1");
    ((ObjectNode) infrastructure(request).get("endpoint")).remove("host");
    pool(request, 0).putObject("machine").put("instanceType", "M.XLARGE").put("gpus", 1);
    pool(request, 1).putObject("machine").putArray("tags").add("a").add(7);

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError("spec.infrastructure.datacenter", "unknown field; the lab provider does not accept it"),
            new FieldError("spec.infrastructure.endpoint.host", "required by the lab provider"),
            new FieldError("spec.infrastructure.port", "must have a minimum value of 1"),
            new FieldError("spec.infrastructure.server", "required by the lab provider"),
            new FieldError("spec.workerPools[0].machine.gpus", "unknown field; the lab provider does not accept it"),
            new FieldError("spec.workerPools[0].machine.instanceType", "does not match the regex pattern ^[a-z0-9.]+$"),
            new FieldError("spec.workerPools[1].machine.tags[1]", "integer found, string expected"));
  }

  @Test
  void checksAbsentSettingsAsAnEmptyObject() {
    ObjectNode request = Requests.valid();
    spec(request).remove("infrastructure");

    assertThat(errors(reader, request))
        .containsExactly(new FieldError("spec.infrastructure.server", "required by the lab provider"));
  }

  @Test
  void assertsFormats() {
    ObjectNode request = Requests.valid();
    ((ObjectNode) infrastructure(request).get("endpoint")).put("host", "not a host name");

    assertThat(errors(reader, request))
        .extracting(FieldError::path)
        .containsExactly("spec.infrastructure.endpoint.host");
  }

  @Test
  void requiresSettingsToBeObjects() {
    ObjectNode request = Requests.valid();
    spec(request).put("infrastructure", "lab.example.com");
    pool(request, 0).putArray("machine");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError("spec.infrastructure", "must be an object, got a string"),
            new FieldError("spec.workerPools[0].machine", "must be an object, got a list"));
  }

  @Test
  void refusesNullListElementsInSettings() {
    RequestReader permissive =
        TestProvider.readerFor(TestProvider.permissive("lab", CredentialPolicy.optional("Secret", "Secret")));
    ObjectNode request = Requests.valid();
    infrastructure(request).putArray("zones").add("a").addNull();

    assertThat(errors(permissive, request))
        .containsExactly(new FieldError("spec.infrastructure.zones[1]", "must not be null: a list holds values only"));
  }

  @Test
  void addsTheProvidersOwnErrors() {
    ObjectNode request = Requests.valid();
    infrastructure(request).put("port", 22);

    assertThat(errors(reader, request))
        .containsExactly(new FieldError("spec.infrastructure.port", "must not be 22: the nodes' SSH uses it"));
  }

  @Test
  void runsTheProvidersRulesOnlyOnARequestThatPassedTheOthers() {
    ObjectNode request = Requests.valid();
    infrastructure(request).put("port", 22);
    metadata(request).put("name", "Bad_Name");

    assertThat(errors(reader, request)).extracting(FieldError::path).containsExactly("metadata.name");
    assertThat(lab.validated()).isEmpty();
  }

  @Test
  void blamesTheProviderNotTheUserForAnUnusableSchema() {
    TestProvider broken =
        new TestProvider(
            "lab", CredentialPolicy.none(), "{not json", TestProvider.PERMISSIVE_SCHEMA, request -> List.of());
    ObjectNode request = Requests.valid();
    spec(request).remove("cloudAccountRef");

    assertThatThrownBy(() -> TestProvider.readerFor(broken).read(Requests.json(request)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("provider 'lab' declares a settings schema that cannot be used");
  }
}
