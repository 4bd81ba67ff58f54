package dev.fulcrum.core.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs components into a real (sandbox) Kubernetes API, as the pivot does into a workload cluster. */
class ComponentsInstallerTest {
  private static final Component INFRA = new Component("acme", ProviderType.INFRASTRUCTURE, "v0.3.1");
  private static SandboxServer sandbox;

  @TempDir Path root;

  @BeforeAll
  static void start() {
    sandbox = SandboxServer.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static KubernetesClient cluster(String name) {
    sandbox.createCluster(name);
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl(sandbox.clusterUrl(name)).withOauthToken("sandbox")
            .withRequestRetryBackoffLimit(0).build())
        .build();
  }

  private List<ComponentManifests> components() throws IOException {
    Path file = root.resolve(INFRA.relativePath());
    Files.createDirectories(file.getParent());
    // The Deployment comes first in the file: the installer must still create the CRD and Namespace before it.
    Files.writeString(file, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: acme-controller-manager, namespace: acme-system}
        spec:
          replicas: 1
          selector: {matchLabels: {app: acme}}
          template:
            metadata: {labels: {app: acme}}
            spec:
              containers: [{name: manager, image: "${ACME_IMAGE}"}]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: acme-manager, namespace: acme-system}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: acmeclusters.infrastructure.cluster.x-k8s.io}
        spec:
          group: infrastructure.cluster.x-k8s.io
          scope: Namespaced
          names: {kind: AcmeCluster, listKind: AcmeClusterList, plural: acmeclusters, singular: acmecluster}
          versions:
          - name: v1beta2
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: acme-system}
        """);
    return new ComponentsRepository(root).read(List.of(INFRA), Map.of("ACME_IMAGE", "registry.local/acme:v0.3.1"));
  }

  @Test
  void installsInDependencyOrderIdempotentlyAndReportsWhatItWaitsFor() throws IOException {
    try (KubernetesClient client = cluster("install-order")) {
      ComponentsInstaller installer = new ComponentsInstaller(client);
      List<ComponentManifests> components = components();
      installer.install(components);

      Deployment deployment = client.apps().deployments().inNamespace("acme-system")
          .withName("acme-controller-manager").get();
      assertThat(deployment.getMetadata().getLabels())
          .containsEntry("cluster.x-k8s.io/provider", "infrastructure-acme")
          .containsEntry("clusterctl.cluster.x-k8s.io", "");
      assertThat(deployment.getMetadata().getManagedFields()).extracting(f -> f.getManager()).contains("fulcrum");
      assertThat(client.apiextensions().v1().customResourceDefinitions()
          .withName("acmeclusters.infrastructure.cluster.x-k8s.io").get().getMetadata().getLabels())
          .containsEntry("clusterctl.cluster.x-k8s.io", "");
      installer.install(components);
      Deployment again = client.apps().deployments().inNamespace("acme-system").withName("acme-controller-manager")
          .get();
      // A second install changes nothing. (Content, not resourceVersion: the sandbox writes no-op applies anew.)
      assertThat(again.getMetadata().getGeneration()).isEqualTo(deployment.getMetadata().getGeneration());
      assertThat(again.getSpec()).isEqualTo(deployment.getSpec());
      assertThat(again.getMetadata().getLabels()).isEqualTo(deployment.getMetadata().getLabels());
      assertThat(again.getMetadata().getManagedFields()).extracting(f -> f.getManager() + " " + f.getFieldsV1())
          .isEqualTo(deployment.getMetadata().getManagedFields().stream()
              .map(f -> f.getManager() + " " + f.getFieldsV1()).toList());

      await().atMost(Duration.ofSeconds(10)).until(() -> installer.readiness(components).waitingFor().stream()
          .noneMatch(line -> line.startsWith("CustomResourceDefinition")));
      Readiness waiting = installer.readiness(components);
      assertThat(waiting.ready()).isFalse();
      assertThat(waiting.waitingFor()).singleElement().asString()
          .startsWith("Deployment acme-system/acme-controller-manager: ");

      long generation = deployment.getMetadata().getGeneration();
      client.apps().deployments().inNamespace("acme-system").withName("acme-controller-manager").editStatus(d -> {
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withObservedGeneration(generation).withReplicas(1).withAvailableReplicas(1)
            .addNewCondition().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable")
            .endCondition().build());
        return d;
      });
      assertThat(installer.readiness(components).ready()).isTrue();
    }
  }

  @Test
  void theAgentsObjectsApplyToARealApi() {
    try (KubernetesClient client = cluster("agent")) {
      AgentManifests agent = AgentManifests.forCluster(new ClusterRef("team-a", "edge-42"),
          URI.create("http://127.0.0.1:8080"), new AgentTokens().generate(), "0.1.0");
      ComponentsInstaller installer = new ComponentsInstaller(client);
      installer.applyAll(agent.objects());
      assertThat(client.apps().deployments().inNamespace(AgentManifests.NAMESPACE).withName(AgentManifests.NAME)
          .get().getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(AgentManifests.NAME);
      assertThat(client.secrets().inNamespace(AgentManifests.NAMESPACE).withName(AgentManifests.NAME).get().getData())
          .containsKeys(AgentManifests.SERVER_URL_KEY, AgentManifests.TOKEN_KEY, AgentManifests.CLUSTER_KEY);
      assertThat(installer.readinessOf(agent.objects()).waitingFor()).singleElement().asString()
          .startsWith("Deployment fulcrum-system/fulcrum-agent");
    }
  }
}
