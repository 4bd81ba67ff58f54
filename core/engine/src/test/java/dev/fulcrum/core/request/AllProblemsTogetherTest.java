package dev.fulcrum.core.request;

import static dev.fulcrum.core.request.Requests.metadata;
import static dev.fulcrum.core.request.Requests.pool;
import static dev.fulcrum.core.request.Requests.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A request with many problems reports all of them at once, sorted by path. */
class AllProblemsTogetherTest {
  private final RequestReader reader = TestProvider.readerFor(TestProvider.lab());

  @Test
  void reportsEveryProblemSortedByPath() {
    ObjectNode request = Requests.valid();
    request.put("kind", "Cluster");
    metadata(request).put("name", "Edge--42");
    metadata(request).remove("namespace");
    spec(request).put("kubernetesVersion", "v1.30.0");
    ((ObjectNode) spec(request).get("controlPlane")).put("replicas", 2);
    ArrayNode pools = (ArrayNode) spec(request).get("workerPools");
    for (int i = 2; i <= 10; i++) {
      pools.addObject().put("name", "pool-" + i).put("replicas", 1);
    }
    pool(request, 10).put("replicas", -5);
    pool(request, 2).put("name", "general");
    ((ObjectNode) spec(request).get("network")).putArray("serviceCIDRs").add("192.168.0.0/24");
    ((ArrayNode) spec(request).get("sshAuthorizedKeys")).add("ssh-ed25519 AAAA");
    ((ObjectNode) spec(request).get("infrastructure")).remove("server");

    InvalidRequestException refused = Requests.invalid(reader, Requests.json(request));

    List<String> paths = refused.errors().stream().map(FieldError::path).toList();
    assertThat(paths)
        .containsExactly(
            "kind",
            "metadata.name",
            "metadata.namespace",
            "spec.controlPlane.replicas",
            "spec.infrastructure.server",
            "spec.kubernetesVersion",
            "spec.network.serviceCIDRs[0]",
            "spec.sshAuthorizedKeys[1]",
            "spec.workerPools[2].name",
            "spec.workerPools[10].replicas");
    assertThat(refused.getMessage().lines().toList())
        .hasSize(paths.size())
        .first()
        .isEqualTo("kind: must be WorkloadCluster; got 'Cluster'");
  }

  @Test
  void keepsEveryProblemButListsAHundredInTheMessage() {
    ObjectNode request = Requests.valid();
    for (int i = 0; i < 150; i++) {
      request.put("extra" + i, i);
    }

    InvalidRequestException refused = Requests.invalid(reader, Requests.json(request));

    assertThat(refused.errors()).hasSize(150);
    assertThat(refused.getMessage().lines().toList())
        .hasSize(101)
        .startsWith("extra0: unknown field; the fields allowed here are: apiVersion, kind, metadata, spec")
        .endsWith("… and 50 more problems");
  }
}
