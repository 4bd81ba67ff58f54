package dev.fulcrum.core.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Plays Cluster API's part for one cluster, one contract step at a time, as CAPI core, KCP and an
 * infrastructure provider would report it (capi-contracts §2, §4).
 */
final class ClusterApiActor {
  private static final String MACHINE = "-control-plane-a1b2c";

  private final KubernetesClient client;
  private final String namespace;
  private final String cluster;

  ClusterApiActor(KubernetesClient client, String namespace, String cluster) {
    this.client = client;
    this.namespace = namespace;
    this.cluster = cluster;
  }

  /** Cluster: {@code ControlPlaneInitialized} true, as KCP's initialization feeds it. */
  void initializeControlPlane() {
    editStatus(
        resource("cluster.x-k8s.io/v1beta2", "Cluster", cluster),
            object -> {
              object.setAdditionalProperty(
                  "status",
                  Map.of(
                      "initialization", Map.of("controlPlaneInitialized", true),
                      "conditions",
                      List.of(
                          Map.of(
                              "type", "ControlPlaneInitialized",
                              "status", "True",
                              "reason", "Initialized",
                              "message", "",
                              "lastTransitionTime", now()))));
              return object;
            });
  }

  /** The control plane's first Machine, owned by the KubeadmControlPlane, still provisioning. */
  void createFirstMachine() {
    GenericKubernetesResource controlPlane =
        resource("controlplane.cluster.x-k8s.io/v1beta2", "KubeadmControlPlane", cluster + "-control-plane").get();
    GenericKubernetesResource machine = new GenericKubernetesResource();
    machine.setApiVersion("cluster.x-k8s.io/v1beta2");
    machine.setKind("Machine");
    machine.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(cluster + MACHINE)
            .withNamespace(namespace)
            .withLabels(Map.of("cluster.x-k8s.io/cluster-name", cluster, "cluster.x-k8s.io/control-plane", ""))
            .addNewOwnerReference()
            .withApiVersion(controlPlane.getApiVersion())
            .withKind(controlPlane.getKind())
            .withName(controlPlane.getMetadata().getName())
            .withUid(controlPlane.getMetadata().getUid())
            .withController(true)
            .endOwnerReference()
            .build());
    machine.setAdditionalProperty(
        "spec",
        Map.of(
            "clusterName", cluster,
            "bootstrap", Map.of("dataSecretName", cluster + MACHINE),
            "infrastructureRef", Map.of("apiGroup", "infrastructure.example.dev", "kind", "TestMachine", "name", cluster + MACHINE)));
    client.resource(machine).create();
    machineStatus(Map.of("phase", "Provisioning"));
  }

  /** The first Machine runs and has its node. */
  void runFirstMachine() {
    machineStatus(Map.of("phase", "Running", "nodeRef", Map.of("name", cluster + MACHINE)));
  }

  /** KCP's kubeconfig Secret for the cluster. */
  void writeKubeconfig() {
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(cluster + "-kubeconfig")
                .withNamespace(namespace)
                .withLabels(Map.of("cluster.x-k8s.io/cluster-name", cluster))
                .endMetadata()
                .withType("cluster.x-k8s.io/secret")
                .withData(Map.of("value", Base64.getEncoder().encodeToString("kind: Config\n".getBytes(StandardCharsets.UTF_8))))
                .build())
        .create();
  }

  private void machineStatus(Map<String, Object> status) {
    editStatus(
        resource("cluster.x-k8s.io/v1beta2", "Machine", cluster + MACHINE),
            object -> {
              object.setAdditionalProperty("status", status);
              return object;
            });
  }

  /** Changes the status as a controller does: on a conflict (the engine wrote meanwhile), reads again and retries. */
  private static void editStatus(
      Resource<GenericKubernetesResource> resource, UnaryOperator<GenericKubernetesResource> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        resource.editStatus(change);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private Resource<GenericKubernetesResource> resource(String apiVersion, String kind, String name) {
    return client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace).withName(name);
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
