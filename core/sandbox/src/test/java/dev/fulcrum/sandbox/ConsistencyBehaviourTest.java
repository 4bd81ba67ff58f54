package dev.fulcrum.sandbox;

import static dev.fulcrum.sandbox.SandboxFixture.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * resourceVersion and optimistic concurrency, metadata.generation, the status subresource, label and field
 * selectors, and paging.
 */
class ConsistencyBehaviourTest {

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

  private static MixedOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> workloadClusters() {
    return client.genericKubernetesResources("fulcrum.dev/v1alpha1", "WorkloadCluster");
  }


  @Test
  void staleUpdateIsConflict() {
    ConfigMap first = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("occ").endMetadata().addToData("v", "1").build()).create();
    ConfigMap stale = new ConfigMapBuilder(first).build();
    first.getData().put("v", "2");
    client.configMaps().inNamespace("default").resource(first).update();

    stale.getData().put("v", "3");
    assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(stale).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
          assertThat(e.getStatus().getMessage()).contains("the object has been modified");
        });
    assertThat(client.configMaps().inNamespace("default").withName("occ").get().getData()).containsEntry("v", "2");
  }

  @Test
  void resourceVersionsGrowAndNoOpUpdatesKeepThem() {
    ConfigMap created = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("noop").endMetadata().addToData("v", "1").build()).create();

    ConfigMap same = client.configMaps().inNamespace("default").resource(created).update();

    assertThat(same.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
    String listVersion = client.configMaps().inNamespace("default").list().getMetadata().getResourceVersion();
    assertThat(Long.parseLong(listVersion)).isGreaterThanOrEqualTo(
        Long.parseLong(created.getMetadata().getResourceVersion()));
  }

  @Test
  void customResourceUpdateNeedsResourceVersion() {
    workloadClusters().inNamespace("default").resource(SandboxFixture.workloadCluster("needs-rv")).create();
    HttpResponse<String> response = http("PUT", server.clusterUrl("management")
        + "/apis/fulcrum.dev/v1alpha1/namespaces/default/workloadclusters/needs-rv", "application/json",
        "{\"apiVersion\":\"fulcrum.dev/v1alpha1\",\"kind\":\"WorkloadCluster\",\"metadata\":{\"name\":\"needs-rv\"},"
            + "\"spec\":{\"provider\":\"aws\",\"kubernetesVersion\":\"v1.33.4\",\"controlPlane\":{\"replicas\":1}}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("metadata.resourceVersion").contains("must be specified for an update");
  }

  @Test
  void generationTracksSpecOnly() {
    GenericKubernetesResource created = workloadClusters().inNamespace("default")
        .resource(SandboxFixture.workloadCluster("gen")).create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

    created.getMetadata().setLabels(Map.of("team", "a"));
    GenericKubernetesResource labelled = workloadClusters().inNamespace("default").resource(created).update();
    assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1L);

    labelled.<Map<String, Object>>get("spec").put("provider", "vsphere");
    GenericKubernetesResource changed = workloadClusters().inNamespace("default").resource(labelled).update();
    assertThat(changed.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void statusSubresourceSeparatesSpecAndStatus() {
    GenericKubernetesResource request = SandboxFixture.workloadCluster("status-split");
    request.setAdditionalProperty("status", Map.of("phase", "ignored-on-create"));
    GenericKubernetesResource created = workloadClusters().inNamespace("default").resource(request).create();
    assertThat(created.getAdditionalProperties()).doesNotContainKey("status");

    // through the main resource, status changes are ignored
    created.setAdditionalProperty("status", Map.of("phase", "Provisioning"));
    GenericKubernetesResource afterMain = workloadClusters().inNamespace("default").resource(created).update();
    assertThat(afterMain.getAdditionalProperties()).doesNotContainKey("status");

    // through /status, only the status changes (the spec edit is ignored), with a query string present
    afterMain.setAdditionalProperty("status", Map.of("phase", "Provisioning"));
    afterMain.<Map<String, Object>>get("spec").put("provider", "changed-through-status");
    HttpResponse<String> response = http("PUT", server.clusterUrl("management")
        + "/apis/fulcrum.dev/v1alpha1/namespaces/default/workloadclusters/status-split/status?fieldManager=test",
        "application/json", io.fabric8.kubernetes.client.utils.Serialization.asJson(afterMain));
    assertThat(response.statusCode()).isEqualTo(200);

    GenericKubernetesResource read = workloadClusters().inNamespace("default").withName("status-split").get();
    assertThat(read.<String>get("status", "phase")).isEqualTo("Provisioning");
    assertThat(read.<String>get("spec", "provider")).isEqualTo("docker");
    assertThat(read.getMetadata().getGeneration()).isEqualTo(1L);

    // fabric8's updateStatus() goes through /status too
    read.setAdditionalProperty("status", Map.of("phase", "Running"));
    workloadClusters().inNamespace("default").resource(read).updateStatus();
    assertThat(workloadClusters().inNamespace("default").withName("status-split").get()
        .<String>get("status", "phase")).isEqualTo("Running");
  }

  @Test
  void statusOfResourceWithoutSubresourceIsNotFound() {
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("nostatus")
        .endMetadata().build()).create();
    HttpResponse<String> response = SandboxFixture.get(server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps/nostatus/status");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void labelSelectorsEqualitySetAndExistence() {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("selectors").endMetadata().build()).create();
    createLabelled("a", Map.of("env", "prod", "tier", "web"));
    createLabelled("b", Map.of("env", "dev", "tier", "web"));
    createLabelled("c", Map.of("env", "test"));
    createLabelled("d", Map.of());

    assertThat(names("env=prod")).containsExactly("a");
    assertThat(names("env!=prod")).containsExactly("b", "c", "d");
    assertThat(names("env in (prod,dev)")).containsExactly("a", "b");
    assertThat(names("env notin (prod,dev)")).containsExactly("c", "d");
    assertThat(names("tier")).containsExactly("a", "b");
    assertThat(names("!tier")).containsExactly("c", "d");
    assertThat(names("env in (prod,dev),tier=web")).containsExactly("a", "b");
    assertThat(client.configMaps().inNamespace("selectors").withLabelIn("env", "prod", "test").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactly("a", "c");
    assertThat(client.configMaps().inNamespace("selectors").withLabelNotIn("env", "prod", "test").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactly("b", "d");
  }

  @Test
  void badLabelSelectorIsBadRequest() {
    HttpResponse<String> response = SandboxFixture.get(server.clusterUrl("management")
        + "/api/v1/configmaps?labelSelector=env%20in%20prod");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unable to parse requirement");
  }

  @Test
  void fieldSelectorsOnNameAndNamespace() {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("fields").endMetadata().build()).create();
    for (String namespace : List.of("default", "fields")) {
      client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
          .withName("same-name").endMetadata().build()).create();
    }

    assertThat(client.configMaps().inAnyNamespace().withField("metadata.name", "same-name").list().getItems())
        .extracting(c -> c.getMetadata().getNamespace()).containsExactlyInAnyOrder("default", "fields");
    assertThat(client.configMaps().inAnyNamespace().withField("metadata.namespace", "fields").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactly("same-name");
    assertThat(client.configMaps().inNamespace("fields").withoutField("metadata.name", "same-name").list()
        .getItems()).isEmpty();
    HttpResponse<String> unsupported = SandboxFixture.get(server.clusterUrl("management")
        + "/api/v1/configmaps?fieldSelector=data.x%3Dy");
    assertThat(unsupported.statusCode()).isEqualTo(400);
    assertThat(unsupported.body()).contains("field label not supported: data.x");
  }

  @Test
  void limitAndContinuePageThroughEverythingOnce() {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("paging").endMetadata().build()).create();
    for (int i = 0; i < 7; i++) {
      client.configMaps().inNamespace("paging").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("cm-" + i).endMetadata().build()).create();
    }

    List<String> seen = new java.util.ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      var page = client.configMaps().inNamespace("paging").list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
          .withLimit(3L).withContinue(token).build());
      page.getItems().forEach(c -> seen.add(c.getMetadata().getName()));
      token = page.getMetadata().getContinue();
      pages++;
    } while (token != null && !token.isEmpty());

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("cm-0", "cm-1", "cm-2", "cm-3", "cm-4", "cm-5", "cm-6");
  }

  private static void createLabelled(String name, Map<String, String> labels) {
    client.configMaps().inNamespace("selectors").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
        .withLabels(labels).endMetadata().build()).create();
  }

  private static List<String> names(String selector) {
    String url = server.clusterUrl("management") + "/api/v1/namespaces/selectors/configmaps?labelSelector="
        + java.net.URLEncoder.encode(selector, java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> response = SandboxFixture.get(url);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> names = new java.util.ArrayList<>();
    dev.fulcrum.sandbox.support.Json.parse(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .path("items").forEach(item -> names.add(item.path("metadata").path("name").asString()));
    return names;
  }
}
