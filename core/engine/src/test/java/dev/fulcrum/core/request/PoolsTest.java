package dev.fulcrum.core.request;

import static dev.fulcrum.core.request.Requests.errors;
import static dev.fulcrum.core.request.Requests.pool;
import static dev.fulcrum.core.request.Requests.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.NodeRole;
import dev.fulcrum.spi.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** spec.controlPlane and spec.workerPools. */
class PoolsTest {
  private final RequestReader reader = TestProvider.readerFor(TestProvider.lab());

  @Test
  void readsThePoolsInOrderWithTheirPaths() {
    ClusterRequest request = reader.read(Requests.json(Requests.valid()));

    assertThat(request.controlPlane())
        .isEqualTo(
            new NodePool(
                "control-plane",
                NodeRole.CONTROL_PLANE,
                3,
                new Settings(Map.of("instanceType", "m.large", "cpus", 4)),
                "spec.controlPlane"));
    assertThat(request.workerPools())
        .containsExactly(
            new NodePool(
                "general", NodeRole.WORKER, 3, new Settings(Map.of("instanceType", "m.xlarge")), "spec.workerPools[0]"),
            new NodePool("batch", NodeRole.WORKER, 0, Settings.EMPTY, "spec.workerPools[1]"));
  }

  @Test
  void requiresTheControlPlane() {
    ObjectNode request = Requests.valid();
    spec(request).remove("controlPlane");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError("spec.controlPlane", "required: the control plane, e.g. {replicas: 3, machine: {…}}"));
  }

  @Test
  void acceptsAnRfc3339RolloutAfterAndRefusesAnythingElse() {
    ObjectNode request = Requests.valid();
    ((ObjectNode) spec(request).get("controlPlane")).put("rolloutAfter", "2026-11-26T10:00:00Z");
    assertThat(reader.read(Requests.json(request)).controlPlane().replicas()).isEqualTo(3);

    ((ObjectNode) spec(request).get("controlPlane")).put("rolloutAfter", "tomorrow");
    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.controlPlane.rolloutAfter",
                "must be an RFC 3339 time such as 2026-11-26T10:00:00Z (control-plane machines created before it are"
                    + " replaced); got 'tomorrow'"));
  }

  @Test
  void requiresControlPlaneReplicas() {
    ObjectNode request = Requests.valid();
    ((ObjectNode) spec(request).get("controlPlane")).remove("replicas");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.controlPlane.replicas", "required: the number of control-plane machines: 1, 3, 5 or 7"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 4, 9, -1})
  void refusesControlPlaneReplicasOtherThanOneThreeFiveOrSevenSayingWhy(int replicas) {
    ObjectNode request = Requests.valid();
    ((ObjectNode) spec(request).get("controlPlane")).put("replicas", replicas);

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.controlPlane.replicas",
                "must be an odd number (1, 3, 5 or 7): KubeadmControlPlane with stacked etcd refuses even counts,"
                    + " and etcd gains nothing from more than 7 members; got " + replicas));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5, 7})
  void acceptsOddControlPlaneReplicas(int replicas) {
    ObjectNode request = Requests.valid();
    ((ObjectNode) spec(request).get("controlPlane")).put("replicas", replicas);

    assertThat(reader.read(Requests.json(request)).controlPlane().replicas()).isEqualTo(replicas);
  }

  @Test
  void defaultsAbsentMachineSettingsToEmpty() {
    ObjectNode request = Requests.valid();
    ((ObjectNode) spec(request).get("controlPlane")).remove("machine");

    assertThat(reader.read(Requests.json(request)).controlPlane().machine()).isEqualTo(Settings.EMPTY);
  }

  @Test
  void acceptsNoWorkerPools() {
    ObjectNode request = Requests.valid();
    spec(request).remove("workerPools");
    assertThat(reader.read(Requests.json(request)).workerPools()).isEmpty();

    spec(request).putArray("workerPools");
    assertThat(reader.read(Requests.json(request)).workerPools()).isEmpty();
  }

  @Test
  void requiresAPoolName() {
    ObjectNode request = Requests.valid();
    pool(request, 1).remove("name");

    assertThat(errors(reader, request))
        .containsExactly(new FieldError("spec.workerPools[1].name", "required: the pool name, unique in the cluster"));
  }

  @Test
  void requiresPoolNamesToBeDnsLabelsOfAtMost16() {
    ObjectNode request = Requests.valid();
    pool(request, 0).put("name", "general-purpose-x");
    pool(request, 1).put("name", "Batch");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.workerPools[0].name",
                "must be at most 16 characters long (derived Machine names must fit in 63); got 17"),
            new FieldError(
                "spec.workerPools[1].name",
                "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter"
                    + " or digit; got 'Batch'"));
  }

  @Test
  void reportsADuplicatePoolNameOnTheDuplicate() {
    ObjectNode request = Requests.valid();
    pool(request, 1).put("name", "general");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.workerPools[1].name", "duplicates spec.workerPools[0].name; pool names must be unique"));
  }

  @Test
  void reservesTheControlPlaneName() {
    ObjectNode request = Requests.valid();
    pool(request, 0).put("name", "control-plane");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.workerPools[0].name", "'control-plane' is reserved for the control plane; choose another name"));
  }

  @Test
  void requiresWorkerReplicasFromZeroToOneThousand() {
    ObjectNode request = Requests.valid();
    pool(request, 0).put("replicas", -1);
    pool(request, 1).put("replicas", 1001);

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError("spec.workerPools[0].replicas", "must be between 0 and 1000; got -1"),
            new FieldError("spec.workerPools[1].replicas", "must be between 0 and 1000; got 1001"));

    pool(request, 0).remove("replicas");
    pool(request, 1).put("replicas", 1000);
    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError("spec.workerPools[0].replicas", "required: the number of machines in the pool, 0 to 1000"));
  }

  @Test
  void reportsAPoolThatIsNotAnObject() {
    ObjectNode request = Requests.valid();
    ((ArrayNode) spec(request).get("workerPools")).add("gpu");

    assertThat(errors(reader, request))
        .containsExactly(new FieldError("spec.workerPools[2]", "must be an object, got a string"));
  }
}
