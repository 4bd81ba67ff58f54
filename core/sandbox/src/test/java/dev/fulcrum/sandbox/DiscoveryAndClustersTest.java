package dev.fulcrum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.sandbox.support.Json;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Discovery, /version, and many clusters behind one listener. */
class DiscoveryAndClustersTest {

  private static SandboxServer server;

  @BeforeAll
  static void start() {
    server = SandboxServer.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void versionAndGroupDiscovery() {
    try (KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      assertThat(client.getKubernetesVersion().getMajor()).isEqualTo("1");
      assertThat(client.getKubernetesVersion().getGitVersion()).startsWith("v1.");
      assertThat(client.getApiGroups().getGroups()).extracting(g -> g.getName())
          .contains("apps", "rbac.authorization.k8s.io", "coordination.k8s.io", "apiextensions.k8s.io", "batch",
              "events.k8s.io");
      List<APIResource> core = client.getApiResources("v1").getResources();
      assertThat(core).filteredOn(r -> r.getName().equals("configmaps")).singleElement().satisfies(r -> {
        assertThat(r.getNamespaced()).isTrue();
        assertThat(r.getKind()).isEqualTo("ConfigMap");
        assertThat(r.getShortNames()).containsExactly("cm");
        assertThat(r.getVerbs()).contains("create", "delete", "get", "list", "patch", "update", "watch");
      });
      assertThat(core).extracting(APIResource::getName).contains("pods/status", "nodes/status", "namespaces/status");
      assertThat(client.getApiResources("apps/v1").getResources()).extracting(APIResource::getName)
          .contains("deployments", "deployments/status", "deployments/scale");
    }
  }

  @Test
  void apiVersionsAndUnknownGroupVersion() {
    JsonNode versions = json(SandboxFixture.get(server.clusterUrl("management") + "/api"));
    assertThat(versions.path("versions").get(0).asString()).isEqualTo("v1");

    HttpResponse<String> unknown = SandboxFixture.get(server.clusterUrl("management") + "/apis/nope.dev/v1");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).path("kind").asString()).isEqualTo("Status");
  }

  @Test
  void installedCrdsAreEstablishedAndDiscoverableAtOnce() {
    server.createCluster("crd-discovery");
    try (KubernetesClient client = SandboxFixture.client(server, "crd-discovery")) {
      List<CustomResourceDefinition> crds = SandboxFixture.installCapiCrds(client);

      assertThat(crds).allSatisfy(crd -> assertThat(crd.getStatus().getConditions())
          .anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Established");
            assertThat(c.getStatus()).isEqualTo("True");
          }));
      JsonNode group = json(SandboxFixture.get(server.clusterUrl("crd-discovery") + "/apis/cluster.x-k8s.io"));
      assertThat(group.path("preferredVersion").path("version").asString()).isEqualTo("v1beta2");
      JsonNode resources = json(SandboxFixture.get(server.clusterUrl("crd-discovery")
          + "/apis/cluster.x-k8s.io/v1beta2"));
      assertThat(resources.path("resources").findValuesAsString("name"))
          .contains("clusters", "clusters/status", "machinedeployments", "machinedeployments/scale", "machines");
      // another cluster does not see this cluster's CRDs
      assertThat(SandboxFixture.get(server.clusterUrl("management") + "/apis/cluster.x-k8s.io/v1beta2")
          .statusCode()).isEqualTo(404);
    }
  }

  @Test
  void openApiV3IndexAndDocumentsLetKubectlDelegateValidation() {
    server.createCluster("openapi");
    try (KubernetesClient client = SandboxFixture.client(server, "openapi")) {
      SandboxFixture.installFulcrumCrds(client);
    }
    JsonNode index = json(SandboxFixture.get(server.clusterUrl("openapi") + "/openapi/v3"));
    assertThat(index.path("paths").propertyNames()).contains("api/v1", "apis/apps/v1", "apis/fulcrum.dev/v1alpha1");
    String relative = index.path("paths").path("apis/fulcrum.dev/v1alpha1").path("serverRelativeURL").asString();
    assertThat(relative).startsWith("/openapi/v3/apis/fulcrum.dev/v1alpha1?hash=");

    HttpResponse<String> document = SandboxFixture.get(server.clusterUrl("openapi") + relative);
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.body()).contains("x-kubernetes-group-version-kind").contains("fieldValidation")
        .contains("WorkloadCluster");
    assertThat(SandboxFixture.get(server.clusterUrl("openapi") + "/openapi/v3/apis/nope.dev/v1").statusCode())
        .isEqualTo(404);
  }

  @Test
  void clustersHaveTheirOwnStoresAndResourceVersions() {
    server.createCluster("wc-0001");
    server.createCluster("wc-0001");
    server.createCluster("wc-0002");
    try (KubernetesClient one = SandboxFixture.client(server, "wc-0001");
        KubernetesClient two = SandboxFixture.client(server, "wc-0002")) {
      String before = two.configMaps().inNamespace("default").list().getMetadata().getResourceVersion();
      one.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("only-one")
          .endMetadata().build()).create();

      assertThat(one.configMaps().inNamespace("default").withName("only-one").get()).isNotNull();
      assertThat(two.configMaps().inNamespace("default").withName("only-one").get()).isNull();
      assertThat(two.configMaps().inNamespace("default").list().getMetadata().getResourceVersion())
          .isEqualTo(before);
    }
    assertThat(server.clusters()).contains("management", "wc-0001", "wc-0002");
  }

  @Test
  void deletedClusterIsGoneAndNamesAreValidated() {
    server.createCluster("short-lived");
    assertThat(server.deleteCluster("short-lived")).isTrue();

    assertThat(server.clusters()).doesNotContain("short-lived");
    HttpResponse<String> response = SandboxFixture.get(server.clusterUrl("short-lived") + "/api/v1/namespaces");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("cluster \\\"short-lived\\\" not found");
    assertThatThrownBy(() -> server.createCluster("Not_A_Name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.deleteCluster(SandboxServer.MANAGEMENT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kubeconfigPointsAtTheClusterPrefix() {
    String kubeconfig = server.kubeconfig(SandboxServer.MANAGEMENT);

    JsonNode parsed = Json.parseYaml(kubeconfig.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.path("clusters").get(0).path("cluster").path("server").asString())
        .isEqualTo(server.url() + "/clusters/management");
    assertThat(parsed.path("users").get(0).path("user").path("token").asString()).isNotBlank();
    assertThat(parsed.path("current-context").asString()).isEqualTo("management");
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
  }
}
