package dev.fulcrum.sandbox;

import static dev.fulcrum.sandbox.SandboxFixture.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.sandbox.support.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Create, read, update and delete of built-in kinds and custom resources through fabric8. */
class CrudBehaviourTest {

  private static SandboxServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = SandboxServer.start(SandboxOptions.defaults());
    client = SandboxFixture.client(server, SandboxServer.MANAGEMENT);
    SandboxFixture.installFulcrumCrds(client);
    SandboxFixture.installCapiCrds(client);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void defaultNamespacesExistAndAreActive() {
    Set<String> names = new HashSet<>();
    client.namespaces().list().getItems().forEach(ns -> {
      names.add(ns.getMetadata().getName());
      assertThat(ns.getStatus().getPhase()).isEqualTo("Active");
    });
    assertThat(names).contains("default", "kube-system", "kube-public");
  }

  @Test
  void coreKindsRoundTrip() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("core-kinds").endMetadata()
        .build()).create();
    ConfigMap configMap = client.configMaps().inNamespace("core-kinds").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("settings").addToLabels("app", "x").endMetadata()
        .addToData("key", "value").build()).create();
    client.serviceAccounts().inNamespace("core-kinds").resource(new ServiceAccountBuilder().withNewMetadata()
        .withName("robot").endMetadata().build()).create();
    client.rbac().roles().inNamespace("core-kinds").resource(new RoleBuilder().withNewMetadata().withName("reader")
        .endMetadata().addNewRule().withApiGroups("").withResources("pods").withVerbs("get").endRule().build())
        .create();
    client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("kubeadm:get-nodes")
        .endMetadata().build()).create();
    client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
        .withName("kubeadm:get-nodes").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
        .withKind("ClusterRole").withName("kubeadm:get-nodes").endRoleRef().build()).create();
    client.leases().inNamespace("core-kinds").resource(new LeaseBuilder().withNewMetadata().withName("leader")
        .endMetadata().withNewSpec().withHolderIdentity("a").endSpec().build()).create();
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-a").endMetadata().withNewStatus()
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    client.pods().inNamespace("core-kinds").resource(new PodBuilder().withNewMetadata().withName("p").endMetadata()
        .withNewSpec().withNodeName("node-a").addNewContainer().withName("c").withImage("i").endContainer()
        .endSpec().build()).create();

    assertThat(configMap.getMetadata().getUid()).isNotBlank();
    assertThat(configMap.getMetadata().getCreationTimestamp()).isNotBlank();
    assertThat(client.configMaps().inNamespace("core-kinds").withName("settings").get().getData())
        .containsEntry("key", "value");
    assertThat(client.rbac().clusterRoleBindings().withName("kubeadm:get-nodes").get().getRoleRef().getName())
        .isEqualTo("kubeadm:get-nodes");
    assertThat(client.leases().inNamespace("core-kinds").withName("leader").get().getSpec().getHolderIdentity())
        .isEqualTo("a");
    assertThat(client.nodes().withName("node-a").get().getStatus().getConditions()).hasSize(1);
    assertThat(client.pods().inNamespace("core-kinds").withName("p").get().getStatus().getPhase())
        .isEqualTo("Pending");

    configMap.getData().put("key", "changed");
    ConfigMap updated = client.configMaps().inNamespace("core-kinds").resource(configMap).update();
    assertThat(updated.getData()).containsEntry("key", "changed");
    assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(configMap.getMetadata().getResourceVersion()));

    assertThat(client.configMaps().inNamespace("core-kinds").withName("settings").delete()).hasSize(1);
    assertThat(client.configMaps().inNamespace("core-kinds").withName("settings").get()).isNull();
  }

  @Test
  void namespaceMustExistBeforeObjectsGoInIt() {
    assertThatThrownBy(() -> client.configMaps().inNamespace("nowhere").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("x").endMetadata().build()).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(404);
          assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"nowhere\" not found");
        });
  }

  @Test
  void secretStringDataIsFoldedIntoData() {
    Secret created = client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
        .withName("folded").endMetadata().addToData("a", base64("from-data"))
        .addToStringData("b", "from-string-data").build()).create();

    assertThat(created.getStringData()).isNullOrEmpty();
    assertThat(created.getType()).isEqualTo("Opaque");
    Secret read = client.secrets().inNamespace("default").withName("folded").get();
    assertThat(read.getData()).containsEntry("a", base64("from-data"))
        .containsEntry("b", base64("from-string-data"));
    assertThat(read.getStringData()).isNullOrEmpty();
  }

  @Test
  void immutableSecretsKeepTheirData() {
    Secret created = client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
        .withName("frozen").endMetadata().withImmutable(true).addToStringData("k", "v").build()).create();

    created.getData().put("k", base64("changed"));
    assertThatThrownBy(() -> client.secrets().inNamespace("default").resource(created).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getDetails().getCauses()).extracting(c -> c.getField()).containsExactly("data");
        });
    created.getData().put("k", base64("v"));
    created.getMetadata().setLabels(Map.of("labels", "may-change"));
    assertThat(client.secrets().inNamespace("default").resource(created).update().getMetadata().getLabels())
        .containsEntry("labels", "may-change");
  }

  @Test
  void invalidSecretDataIsRejectedWithoutEchoingIt() {
    HttpResponse<String> response = http("POST", server.clusterUrl("management")
        + "/api/v1/namespaces/default/secrets", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"bad\"},"
            + "\"data\":{\"token\":\"not base64 s3cr3t!\"}}");

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode status = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(status.path("reason").asString()).isEqualTo("Invalid");
    assertThat(status.path("details").path("causes").get(0).path("field").asString()).isEqualTo("data[token]");
    assertThat(response.body()).doesNotContain("s3cr3t");
  }

  @Test
  void uidsAreUniqueAndGenerateNameAddsFiveCharacters() {
    Set<String> uids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      ConfigMap created = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
          .withNewMetadata().withGenerateName("gen-").endMetadata().build()).create();
      uids.add(created.getMetadata().getUid());
      names.add(created.getMetadata().getName());
      assertThat(created.getMetadata().getName()).matches("gen-[bcdfghjklmnpqrstvwxz2456789]{5}");
    }
    assertThat(uids).hasSize(20);
    assertThat(names).hasSize(20);
  }

  @Test
  void duplicateCreateIsAlreadyExists() {
    ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName("twice").endMetadata().build();
    client.configMaps().inNamespace("default").resource(configMap).create();

    assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(configMap).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
        });
  }

  @Test
  void missingNameIsInvalidAndNamesAreValidated() {
    HttpResponse<String> noName = http("POST", server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}");
    HttpResponse<String> badName = http("POST", server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Bad_Name!\"}}");

    assertThat(noName.statusCode()).isEqualTo(422);
    assertThat(noName.body()).contains("metadata.name").contains("name or generateName is required");
    assertThat(badName.statusCode()).isEqualTo(422);
    assertThat(badName.body()).contains("\"field\":\"metadata.name\"");
  }

  @Test
  void namespacedAndClusterScopedCustomResources() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
        .create();
    GenericKubernetesResource request = SandboxFixture.workloadCluster("edge-42");

    GenericKubernetesResource created = client.genericKubernetesResources("fulcrum.dev/v1alpha1", "WorkloadCluster")
        .inNamespace("team-a").resource(request).create();

    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(created.getMetadata().getUid()).isNotBlank();
    GenericKubernetesResource read = client.genericKubernetesResources("fulcrum.dev/v1alpha1", "WorkloadCluster")
        .inNamespace("team-a").withName("edge-42").get();
    assertThat(read.<String>get("spec", "provider")).isEqualTo("docker");

    ResourceDefinitionContext clusterClasses = new ResourceDefinitionContext.Builder()
        .withGroup("cluster.x-k8s.io").withVersion("v1beta2").withPlural("clusterclasses").withNamespaced(true)
        .build();
    assertThat(client.genericKubernetesResources(clusterClasses).inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void clusterScopedCustomResource() {
    client.apiextensions().v1().customResourceDefinitions().resource(
        new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
            .withNewMetadata().withName("widgets.example.dev").endMetadata()
            .withNewSpec().withGroup("example.dev").withScope("Cluster")
            .withNewNames().withKind("Widget").withPlural("widgets").endNames()
            .addNewVersion().withName("v1").withServed(true).withStorage(true)
            .withNewSchema().withNewOpenAPIV3Schema().withType("object")
            .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
            .endSpec().build()).create();
    GenericKubernetesResource widget = new GenericKubernetesResourceBuilder().withApiVersion("example.dev/v1")
        .withKind("Widget").withNewMetadata().withName("w1").endMetadata().build();

    client.genericKubernetesResources("example.dev/v1", "Widget").resource(widget).create();

    List<GenericKubernetesResource> widgets = client.genericKubernetesResources("example.dev/v1", "Widget").list()
        .getItems();
    assertThat(widgets).extracting(w -> w.getMetadata().getName()).containsExactly("w1");
    assertThat(widgets.get(0).getMetadata().getNamespace()).isNull();
  }

  @Test
  void unknownResourceIsNotFoundWithStatusBody() {
    HttpResponse<String> response = SandboxFixture.get(server.clusterUrl("management") + "/apis/nope.dev/v1/things");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode status = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(status.path("kind").asString()).isEqualTo("Status");
    assertThat(status.path("status").asString()).isEqualTo("Failure");
    assertThat(status.path("reason").asString()).isEqualTo("NotFound");
    assertThat(status.path("code").asInt()).isEqualTo(404);
  }

  @Test
  void deploymentsKeepStatusSeparateAndTrackGeneration() {
    Deployment deployment = client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
        .withNewMetadata().withName("web").addToLabels("app", "web").endMetadata().withNewSpec().withReplicas(1).withNewSelector()
        .addToMatchLabels("app", "web").endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "web")
        .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
        .endTemplate().endSpec().withNewStatus().withReplicas(9).endStatus().build()).create();

    assertThat(deployment.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(deployment.getStatus()).isNull();

    deployment.getMetadata().getLabels().put("tier", "frontend");
    Deployment labelled = client.apps().deployments().inNamespace("default").resource(deployment).update();
    assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1L);

    labelled.getSpec().setReplicas(3);
    Deployment scaled = client.apps().deployments().inNamespace("default").resource(labelled).update();
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
