package dev.fulcrum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Finalizers, deletionTimestamp, owner-reference garbage collection, namespace and CRD deletion. */
class GarbageCollectionBehaviourTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static SandboxServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = SandboxServer.start(SandboxOptions.defaults());
    client = SandboxFixture.client(server, SandboxServer.MANAGEMENT);
    SandboxFixture.installFulcrumCrds(client);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void finalizersHoldAnObjectUntilRemoved() {
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("held")
        .addToFinalizers("example.dev/cleanup").endMetadata().build()).create();

    client.configMaps().inNamespace("default").withName("held").delete();

    ConfigMap held = client.configMaps().inNamespace("default").withName("held").get();
    assertThat(held.getMetadata().getDeletionTimestamp()).isNotBlank();
    client.configMaps().inNamespace("default").withName("held")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
    assertThat(client.configMaps().inNamespace("default").withName("held").get()).isNull();
  }

  @Test
  void backgroundDeletionCollectsDependentsAndStripsDanglingOwners() {
    ConfigMap owner = configMap("bg-owner");
    ConfigMap otherOwner = configMap("bg-other-owner");
    secret("bg-dependent", ownerRef(owner, false));
    secret("bg-shared", ownerRef(owner, false), ownerRef(otherOwner, false));

    client.configMaps().inNamespace("default").withName("bg-owner").delete();

    await().atMost(WAIT).until(() -> client.secrets().inNamespace("default").withName("bg-dependent").get() == null);
    await().atMost(WAIT).until(() -> client.secrets().inNamespace("default").withName("bg-shared").get()
        .getMetadata().getOwnerReferences().size() == 1);
    assertThat(client.secrets().inNamespace("default").withName("bg-shared").get().getMetadata().getOwnerReferences())
        .extracting(OwnerReference::getName).containsExactly("bg-other-owner");
  }

  @Test
  void foregroundDeletionWaitsForBlockingDependents() {
    ConfigMap owner = configMap("fg-owner");
    secret("fg-blocking", ownerRef(owner, true));
    client.secrets().inNamespace("default").withName("fg-blocking")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":[\"example.dev/slow\"]}}");

    client.configMaps().inNamespace("default").withName("fg-owner")
        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

    ConfigMap deleting = client.configMaps().inNamespace("default").withName("fg-owner").get();
    assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotBlank();
    assertThat(deleting.getMetadata().getFinalizers()).contains("foregroundDeletion");
    await().atMost(WAIT).until(() -> client.secrets().inNamespace("default").withName("fg-blocking").get()
        .getMetadata().getDeletionTimestamp() != null);
    assertThat(client.configMaps().inNamespace("default").withName("fg-owner").get()).isNotNull();

    client.secrets().inNamespace("default").withName("fg-blocking")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
    await().atMost(WAIT).until(() -> client.configMaps().inNamespace("default").withName("fg-owner").get() == null);
  }

  @Test
  void orphanDeletionKeepsDependentsAndDropsTheReference() {
    ConfigMap owner = configMap("orphan-owner");
    secret("orphan-dependent", ownerRef(owner, true));

    client.configMaps().inNamespace("default").withName("orphan-owner")
        .withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

    await().atMost(WAIT).until(() -> client.configMaps().inNamespace("default").withName("orphan-owner").get() == null);
    Secret survivor = client.secrets().inNamespace("default").withName("orphan-dependent").get();
    assertThat(survivor).isNotNull();
    assertThat(survivor.getMetadata().getOwnerReferences()).isNullOrEmpty();
  }

  @Test
  void namespaceDeletionTerminatesThenRemovesEverything() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("doomed").endMetadata().build())
        .create();
    client.configMaps().inNamespace("doomed").resource(new ConfigMapBuilder().withNewMetadata().withName("c")
        .addToFinalizers("example.dev/hold").endMetadata().build()).create();
    client.genericKubernetesResources("fulcrum.dev/v1alpha1", "WorkloadCluster").inNamespace("doomed")
        .resource(SandboxFixture.workloadCluster("wc")).create();

    client.namespaces().withName("doomed").delete();

    assertThat(client.namespaces().withName("doomed").get().getStatus().getPhase()).isEqualTo("Terminating");
    await().atMost(WAIT).until(() -> client.genericKubernetesResources("fulcrum.dev/v1alpha1", "WorkloadCluster")
        .inNamespace("doomed").withName("wc").get() == null);
    assertThat(client.namespaces().withName("doomed").get()).isNotNull();
    var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
        io.fabric8.kubernetes.client.KubernetesClientException.class,
        () -> client.configMaps().inNamespace("doomed").resource(new ConfigMapBuilder().withNewMetadata()
            .withName("late").endMetadata().build()).create());
    assertThat(refused.getCode()).isEqualTo(403);

    client.configMaps().inNamespace("doomed").withName("c")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
    await().atMost(WAIT).until(() -> client.namespaces().withName("doomed").get() == null);
  }

  @Test
  void deletingACrdRemovesItsResourcesThenItself() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("crd-cleanup").endMetadata()
        .build()).create();
    client.apiextensions().v1().customResourceDefinitions().resource(
        new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
            .withNewMetadata().withName("gadgets.example.dev").endMetadata()
            .withNewSpec().withGroup("example.dev").withScope("Namespaced")
            .withNewNames().withKind("Gadget").withPlural("gadgets").endNames()
            .addNewVersion().withName("v1").withServed(true).withStorage(true)
            .withNewSchema().withNewOpenAPIV3Schema().withType("object")
            .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
            .endSpec().build()).create();
    GenericKubernetesResource gadget = new GenericKubernetesResourceBuilder().withApiVersion("example.dev/v1")
        .withKind("Gadget").withNewMetadata().withName("g").withNamespace("crd-cleanup").endMetadata().build();
    client.genericKubernetesResources("example.dev/v1", "Gadget").inNamespace("crd-cleanup").resource(gadget)
        .create();

    client.apiextensions().v1().customResourceDefinitions().withName("gadgets.example.dev").delete();

    await().atMost(WAIT).until(() -> client.apiextensions().v1().customResourceDefinitions()
        .withName("gadgets.example.dev").get() == null);
    assertThat(SandboxFixture.get(server.clusterUrl("management")
        + "/apis/example.dev/v1/namespaces/crd-cleanup/gadgets").statusCode()).isEqualTo(404);
  }

  private static ConfigMap configMap(String name) {
    return client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName(name).endMetadata().build()).create();
  }

  private static Secret secret(String name, OwnerReference... owners) {
    return client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName(name)
        .withOwnerReferences(List.of(owners)).endMetadata().build()).create();
  }

  private static OwnerReference ownerRef(ConfigMap owner, boolean blockOwnerDeletion) {
    return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withBlockOwnerDeletion(blockOwnerDeletion).build();
  }
}
