package dev.fulcrum.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fulcrum.spi.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Test requests: a valid one for the "lab" provider to change, and ways to send and check them. */
final class Requests {
  static final String ED25519_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHMl54/bqRvytYn/ABV0rGlJG66kbMS6WWDMV6XjLj3J ops@example.com";

  /** A request every rule accepts, for {@link TestProvider#lab()}. */
  static final String VALID_YAML =
      """
      apiVersion: fulcrum.dev/v1alpha1
      kind: WorkloadCluster
      metadata:
        name: edge-42
        namespace: team-a
        labels: {environment: production, app.kubernetes.io/part-of: retail}
        annotations: {example.com/owner: "Ops team <ops@example.com>"}
      spec:
        provider: lab
        kubernetesVersion: v1.33.4
        cloudAccountRef: {kind: Secret, name: lab-account}
        controlPlane:
          replicas: 3
          machine: {instanceType: m.large, cpus: 4}
        workerPools:
          - name: general
            replicas: 3
            machine: {instanceType: m.xlarge}
          - name: batch
            replicas: 0
        network:
          podCIDRs: [192.168.0.0/16]
          serviceCIDRs: [10.96.0.0/12]
          serviceDomain: cluster.local
        sshAuthorizedKeys:
          - %s
        profiles:
          - {name: observability, version: 1.0.0}
        infrastructure:
          server: lab.example.com
          port: 8443
          endpoint: {host: api.lab.example.com, port: 6443}
      """
          .formatted(ED25519_KEY);

  private static final ObjectMapper YAML = YAMLMapper.builder().build();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Requests() {}

  /** A fresh, mutable copy of the valid request. */
  static ObjectNode valid() {
    return (ObjectNode) YAML.readTree(VALID_YAML);
  }

  static ObjectNode metadata(ObjectNode request) {
    return (ObjectNode) request.get("metadata");
  }

  static ObjectNode spec(ObjectNode request) {
    return (ObjectNode) request.get("spec");
  }

  static ObjectNode pool(ObjectNode request, int index) {
    return (ObjectNode) spec(request).get("workerPools").get(index);
  }

  static ArrayNode keys(ObjectNode request) {
    return (ArrayNode) spec(request).get("sshAuthorizedKeys");
  }

  static byte[] json(JsonNode request) {
    return JSON.writeValueAsBytes(request);
  }

  static byte[] yaml(JsonNode request) {
    return YAML.writeValueAsBytes(request);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The problems the reader finds; fails if it accepts the request. */
  static List<FieldError> errors(RequestReader reader, byte[] input) {
    return invalid(reader, input).errors();
  }

  static List<FieldError> errors(RequestReader reader, JsonNode request) {
    return errors(reader, json(request));
  }

  /** The exception the reader throws; fails if it accepts the request. */
  static InvalidRequestException invalid(RequestReader reader, byte[] input) {
    InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class, () -> reader.read(input));
    assertThat(thrown).as("the request should be refused").isNotNull();
    return thrown;
  }
}
