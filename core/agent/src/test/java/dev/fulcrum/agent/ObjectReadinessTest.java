package dev.fulcrum.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.yaml.Mappers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** When StatefulSets and DaemonSets count as rolled out, from hand-written objects as the API server returns them. */
class ObjectReadinessTest {

  @Test
  void aStatefulSetIsReadyWhenEveryReplicaIsReadyAndUpdatedToOneRevision() {
    assertThat(ObjectReadiness.waitingFor(statefulSet("", "{observedGeneration: 2, replicas: 3, readyReplicas: 3,"
        + " updatedReplicas: 3, currentRevision: db-1, updateRevision: db-1}"))).isEmpty();
    assertThat(ObjectReadiness.waitingFor(statefulSet("", "{observedGeneration: 2, replicas: 3, readyReplicas: 2,"
        + " updatedReplicas: 3, currentRevision: db-1, updateRevision: db-1}")))
        .hasValue("StatefulSet data/db to be ready (2/3 ready, 3/3 updated)");
  }

  @Test
  void aStatefulSetWithoutStatusOrWithAnOlderGenerationObservedIsNotReady() {
    assertThat(ObjectReadiness.waitingFor(statefulSet("", null)))
        .hasValue("StatefulSet data/db to be ready (its controller has not seen the latest spec yet)");
    assertThat(ObjectReadiness.waitingFor(statefulSet("", "{observedGeneration: 1, replicas: 3, readyReplicas: 3,"
        + " updatedReplicas: 3, currentRevision: db-1, updateRevision: db-1}"))).isPresent();
  }

  @Test
  void aStatefulSetStillReplacingItsRevisionIsNotReady() {
    assertThat(ObjectReadiness.waitingFor(statefulSet("", "{observedGeneration: 2, replicas: 3, readyReplicas: 3,"
        + " updatedReplicas: 3, currentRevision: db-1, updateRevision: db-2}")))
        .hasValue("StatefulSet data/db to be ready (3/3 ready, 3/3 updated, revision db-2 replacing db-1)");
  }

  @Test
  void onDeleteSkipsTheUpdateChecksAndAPartitionKeepsItsOldPods() {
    String oldPods = "{observedGeneration: 2, replicas: 3, readyReplicas: 3, updatedReplicas: 0,"
        + " currentRevision: db-1, updateRevision: db-2}";
    assertThat(ObjectReadiness.waitingFor(statefulSet("{type: OnDelete}", oldPods))).isEmpty();
    assertThat(ObjectReadiness.waitingFor(statefulSet("{type: RollingUpdate}", oldPods))).isPresent();
    String partitioned = "{type: RollingUpdate, rollingUpdate: {partition: 2}}";
    assertThat(ObjectReadiness.waitingFor(statefulSet(partitioned, "{observedGeneration: 2, replicas: 3,"
        + " readyReplicas: 3, updatedReplicas: 1, currentRevision: db-1, updateRevision: db-2}"))).isEmpty();
    assertThat(ObjectReadiness.waitingFor(statefulSet(partitioned, oldPods)))
        .hasValue("StatefulSet data/db to be ready (3/3 ready, 0/1 updated)");
  }

  @Test
  void aDaemonSetIsReadyWhenEveryScheduledPodIsAvailableAndUpdated() {
    assertThat(ObjectReadiness.waitingFor(daemonSet("", "{observedGeneration: 2, desiredNumberScheduled: 3,"
        + " currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3,"
        + " numberMisscheduled: 0}"))).isEmpty();
    assertThat(ObjectReadiness.waitingFor(daemonSet("", "{observedGeneration: 2, desiredNumberScheduled: 3,"
        + " numberAvailable: 3, updatedNumberScheduled: 2}")))
        .hasValue("DaemonSet kube-system/cni to be ready (3/3 available, 2/3 updated)");
    assertThat(ObjectReadiness.waitingFor(daemonSet("{type: OnDelete}", "{observedGeneration: 2,"
        + " desiredNumberScheduled: 3, numberAvailable: 3, updatedNumberScheduled: 2}"))).isEmpty();
    assertThat(ObjectReadiness.waitingFor(daemonSet("{type: OnDelete}", "{observedGeneration: 2,"
        + " desiredNumberScheduled: 3, numberAvailable: 1}")))
        .hasValue("DaemonSet kube-system/cni to be ready (1/3 available)");
  }

  @Test
  void aDaemonSetWithoutStatusIsNotReady() {
    assertThat(ObjectReadiness.waitingFor(daemonSet("", null)))
        .hasValue("DaemonSet kube-system/cni to be ready (its controller has not seen the latest spec yet)");
    assertThat(ObjectReadiness.waitingFor(daemonSet("", "{observedGeneration: 2}"))).isPresent();
  }

  private static JsonNode statefulSet(String updateStrategy, String status) {
    return object("StatefulSet", "data", "db", "replicas: 3, serviceName: db"
        + (updateStrategy.isEmpty() ? "" : ", updateStrategy: " + updateStrategy), status);
  }

  private static JsonNode daemonSet(String updateStrategy, String status) {
    return object("DaemonSet", "kube-system", "cni", updateStrategy.isEmpty() ? ""
        : "updateStrategy: " + updateStrategy, status);
  }

  private static JsonNode object(String kind, String namespace, String name, String spec, String status) {
    return Mappers.yaml().readTree("apiVersion: apps/v1\nkind: " + kind + "\nmetadata: {name: " + name
        + ", namespace: " + namespace + ", generation: 2}\nspec: {" + spec + "}\n"
        + (status == null ? "" : "status: " + status + "\n"));
  }
}
