package dev.fulcrum.sandbox;

import static dev.fulcrum.sandbox.SandboxFixture.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.sandbox.support.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** JSON merge patch, JSON patch, server-side apply and schema validation through fabric8 and raw HTTP. */
class PatchAndApplyBehaviourTest {

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
  void mergePatchMergesAndStaleResourceVersionConflicts() {
    ConfigMap created = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("merge").endMetadata().addToData("a", "1").addToData("b", "2").build()).create();

    ConfigMap patched = client.configMaps().inNamespace("default").withName("merge")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"b\":null,\"c\":\"3\"}}");

    assertThat(patched.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "c", "3"));
    String stale = "{\"metadata\":{\"resourceVersion\":\"" + created.getMetadata().getResourceVersion()
        + "\"},\"data\":{\"a\":\"x\"}}";
    assertThatThrownBy(() -> client.configMaps().inNamespace("default").withName("merge")
        .patch(PatchContext.of(PatchType.JSON_MERGE), stale))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void jsonPatchAndFabric8EditWork() {
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("json-patch").endMetadata().addToData("a", "1").build()).create();

    ConfigMap patched = client.configMaps().inNamespace("default").withName("json-patch")
        .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"2\"},"
            + "{\"op\":\"add\",\"path\":\"/data/b\",\"value\":\"3\"}]");
    ConfigMap edited = client.configMaps().inNamespace("default").withName("json-patch")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("c", "4").build());

    assertThat(patched.getData()).containsEntry("a", "2").containsEntry("b", "3");
    assertThat(edited.getData()).containsEntry("c", "4").containsEntry("a", "2");
    HttpResponse<String> failedTest = http("PATCH", server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps/json-patch", "application/json-patch+json",
        "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"nope\"}]");
    assertThat(failedTest.statusCode()).isEqualTo(422);
  }

  @Test
  void reapplyingAnUnchangedControlPlaneKeepsItsResourceVersionAlsoAfterAStatusWrite() {
    // What an agent does on every change it watches: apply the same desired object again. A write that changes
    // nothing must not bump the resourceVersion, or the apply wakes its own watch and other writers keep conflicting.
    String kcp = """
        apiVersion: controlplane.cluster.x-k8s.io/v1beta2
        kind: KubeadmControlPlane
        metadata:
          name: noop-control-plane
          namespace: default
          labels: {fulcrum.dev/cluster: noop, app.kubernetes.io/managed-by: fulcrum}
        spec:
          replicas: 3
          version: v1.33.4
          machineTemplate:
            spec:
              infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: DockerMachineTemplate,
                name: noop-control-plane}
          kubeadmConfigSpec:
            files:
            - {path: /etc/fulcrum/node, content: "a: 1", permissions: "0600"}
            preKubeadmCommands: [echo one, echo two]
            users:
            - name: fulcrum
              sshAuthorizedKeys: [ssh-ed25519 AAAA]
          rollout:
            strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}
        """;
    GenericKubernetesResource first = applyAsAgent(kcp);
    GenericKubernetesResource again = applyAsAgent(kcp);
    assertThat(again.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());

    GenericKubernetesResource withStatus = client.genericKubernetesResources("controlplane.cluster.x-k8s.io/v1beta2",
        "KubeadmControlPlane").inNamespace("default").withName("noop-control-plane").editStatus(live -> {
          live.setAdditionalProperty("status", Map.of("replicas", 1, "readyReplicas", 0,
              "initialization", Map.of("controlPlaneInitialized", true)));
          return live;
        });
    GenericKubernetesResource afterStatus = applyAsAgent(kcp);
    assertThat(afterStatus.getMetadata().getResourceVersion())
        .isEqualTo(withStatus.getMetadata().getResourceVersion());
  }

  private static GenericKubernetesResource applyAsAgent(String yaml) {
    return client.resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).fieldManager("fulcrum-agent")
        .forceConflicts().serverSideApply();
  }

  @Test
  void patchOfMissingObjectIsNotFoundAndUnknownPatchTypeIsUnsupported() {
    HttpResponse<String> missing = http("PATCH", server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps/absent", "application/merge-patch+json", "{\"data\":{}}");
    HttpResponse<String> unknownType = http("PATCH", server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps/absent", "text/plain", "x");
    HttpResponse<String> strategicOnCustom = http("PATCH", server.clusterUrl("management")
        + "/apis/fulcrum.dev/v1alpha1/namespaces/default/workloadclusters/x",
        "application/strategic-merge-patch+json", "{}");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(unknownType.statusCode()).isEqualTo(415);
    assertThat(strategicOnCustom.statusCode()).isEqualTo(415);
  }

  @Test
  void serverSideApplyCreatesUpdatesRemovesConflictsAndForces() {
    GenericKubernetesResource first = SandboxFixture.workloadCluster("ssa",
        SandboxFixture.workloadClusterSpec(Map.of("network", Map.of("serviceDomain", "cluster.local"))));

    GenericKubernetesResource created = workloadClusters().resource(first).fieldManager("fulcrum").serverSideApply();
    assertThat(created.getMetadata().getManagedFields()).singleElement().satisfies(entry -> {
      assertThat(entry.getManager()).isEqualTo("fulcrum");
      assertThat(entry.getOperation()).isEqualTo("Apply");
      assertThat(entry.getFieldsType()).isEqualTo("FieldsV1");
    });

    // the manager stops applying network: it is removed
    GenericKubernetesResource second = SandboxFixture.workloadCluster("ssa", SandboxFixture.workloadClusterSpec(Map.of()));
    GenericKubernetesResource updated = workloadClusters().resource(second).fieldManager("fulcrum").serverSideApply();
    assertThat(updated.<Map<String, Object>>get("spec")).doesNotContainKey("network");
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);

    // another manager applying a different value conflicts, naming the field
    GenericKubernetesResource rival = SandboxFixture.workloadCluster("ssa", Map.of("kubernetesVersion", "v1.34.0"));
    assertThatThrownBy(() -> workloadClusters().resource(rival).fieldManager("someone-else").serverSideApply())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getMessage()).contains("conflict with \"fulcrum\"").contains(".spec.kubernetesVersion");
          assertThat(e.getStatus().getDetails().getCauses()).singleElement()
              .satisfies(c -> assertThat(c.getField()).isEqualTo(".spec.kubernetesVersion"));
        });

    // force takes the field over
    GenericKubernetesResource forced = workloadClusters().resource(rival).fieldManager("someone-else")
        .forceConflicts().serverSideApply();
    assertThat(forced.<String>get("spec", "kubernetesVersion")).isEqualTo("v1.34.0");
    assertThat(forced.getMetadata().getManagedFields()).extracting(f -> f.getManager())
        .containsExactlyInAnyOrder("fulcrum", "someone-else");
  }

  @Test
  void applyWithoutFieldManagerOrWithManagedFieldsIsRejected() {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"apply-raw\"}}";
    HttpResponse<String> noManager = http("PATCH", server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps/apply-raw", "application/apply-patch+yaml", body);
    HttpResponse<String> created = http("PATCH", server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps/apply-raw?fieldManager=raw", "application/apply-patch+yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: apply-raw\ndata:\n  k: v\n");
    HttpResponse<String> withManagedFields = http("PATCH", server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps/apply-raw?fieldManager=raw", "application/apply-patch+yaml",
        created.body());
    HttpResponse<String> forceOnMerge = http("PATCH", server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps/apply-raw?force=true", "application/merge-patch+json", "{}");

    assertThat(noManager.statusCode()).isEqualTo(422);
    assertThat(noManager.body()).contains("fieldManager").contains("is required for apply patch");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(withManagedFields.statusCode()).isEqualTo(400);
    assertThat(withManagedFields.body()).contains("metadata.managedFields must be nil");
    assertThat(forceOnMerge.statusCode()).isEqualTo(422);
  }

  @Test
  void updatesRecordOwnershipSoALaterApplyConflicts() {
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("owned").endMetadata().addToData("k", "from-update").build()).create();
    ConfigMap read = client.configMaps().inNamespace("default").withName("owned").get();
    assertThat(read.getMetadata().getManagedFields()).singleElement()
        .satisfies(entry -> assertThat(entry.getOperation()).isEqualTo("Update"));

    HttpResponse<String> apply = http("PATCH", server.clusterUrl("management")
        + "/api/v1/namespaces/default/configmaps/owned?fieldManager=applier", "application/apply-patch+yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\ndata:\n  k: from-apply\n");

    assertThat(apply.statusCode()).isEqualTo(409);
    assertThat(apply.body()).contains(".data.k");
  }

  @Test
  void customResourcesAreValidatedAgainstTheirSchema() {
    String url = server.clusterUrl("management") + "/apis/cluster.x-k8s.io/v1beta2/namespaces/default/clusters";
    HttpResponse<String> invalid = http("POST", url, "application/json",
        "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"Cluster\",\"metadata\":{\"name\":\"c1\"},"
            + "\"spec\":{\"paused\":\"yes\",\"notAField\":1,\"controlPlaneEndpoint\":{\"host\":\"h\",\"port\":\"x\"}}}");

    assertThat(invalid.statusCode()).isEqualTo(422);
    JsonNode status = Json.parse(invalid.body().getBytes(StandardCharsets.UTF_8));
    assertThat(status.path("reason").asString()).isEqualTo("Invalid");
    List<String> fields = status.path("details").path("causes").findValuesAsString("field");
    assertThat(fields).contains("spec.paused", "spec.notAField", "spec.controlPlaneEndpoint.port");

    HttpResponse<String> valid = http("POST", url, "application/json",
        "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"Cluster\",\"metadata\":{\"name\":\"c1\"},"
            + "\"spec\":{\"paused\":true,\"controlPlaneEndpoint\":{\"host\":\"h\",\"port\":6443}}}");
    assertThat(valid.statusCode()).as(valid.body()).isEqualTo(201);
  }

  @Test
  void missingRequiredFieldIsNamed() {
    String url = server.clusterUrl("management")
        + "/apis/cluster.x-k8s.io/v1beta2/namespaces/default/machinedeployments";
    HttpResponse<String> response = http("POST", url, "application/json",
        "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"MachineDeployment\",\"metadata\":{\"name\":\"md\"},"
            + "\"spec\":{}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("\"field\":\"spec.clusterName\"").contains("Required value");
  }

  @Test
  void unknownFieldsArePrunedWithAWarningWhenValidationIsWarn() {
    String url = server.clusterUrl("management")
        + "/apis/cluster.x-k8s.io/v1beta2/namespaces/default/clusters?fieldValidation=Warn";
    HttpResponse<String> response = http("POST", url, "application/json",
        "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"Cluster\",\"metadata\":{\"name\":\"warned\"},"
            + "\"spec\":{\"paused\":true,\"notAField\":1}}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().allValues("Warning")).anySatisfy(w -> assertThat(w).contains("spec.notAField"));
    assertThat(response.body()).doesNotContain("notAField");
  }

  private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource, ?,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> workloadClusters() {
    return client.genericKubernetesResources("fulcrum.dev/v1alpha1", "WorkloadCluster").inNamespace("default");
  }

}
