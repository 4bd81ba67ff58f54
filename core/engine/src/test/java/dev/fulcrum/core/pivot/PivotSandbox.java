package dev.fulcrum.core.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import dev.fulcrum.sandbox.capi.CapiCrds;
import dev.fulcrum.sandbox.capi.InfraKinds;
import dev.fulcrum.testkit.CrdSchemas;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two clusters of one sandbox, a management and a workload cluster, each with the upstream Cluster API CRDs and the
 * Dev provider's, labelled as release manifests label them; no controllers run. Builds the docker example's objects
 * as they stand right after the first control-plane node joined (step 3), and reads both clusters back.
 */
final class PivotSandbox implements AutoCloseable {
  static final String WORKLOAD = "workload";
  static final InfraKinds DEV = new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta2", "DevCluster",
      "DevMachine", "DevMachineTemplate", InfraKinds.Contract.V1BETA2);
  /** The groups the lead passes for a Dev cluster. */
  static final Set<String> GROUPS = Set.of("cluster.x-k8s.io", "bootstrap.cluster.x-k8s.io",
      "controlplane.cluster.x-k8s.io", "infrastructure.cluster.x-k8s.io");

  static final String CLUSTER_API = "cluster.x-k8s.io/v1beta2";
  static final String CONTROL_PLANE_API = "controlplane.cluster.x-k8s.io/v1beta2";
  static final String BOOTSTRAP_API = "bootstrap.cluster.x-k8s.io/v1beta2";
  static final String INFRA_API = "infrastructure.cluster.x-k8s.io/v1beta2";

  /** The kinds the docker example's graph holds, as {@code apiVersion, kind}. */
  static final List<List<String>> GRAPH_KINDS = List.of(List.of(CLUSTER_API, "Cluster"),
      List.of(CLUSTER_API, "Machine"), List.of(CLUSTER_API, "MachineHealthCheck"),
      List.of(CONTROL_PLANE_API, "KubeadmControlPlane"), List.of(BOOTSTRAP_API, "KubeadmConfig"),
      List.of(INFRA_API, "DevCluster"), List.of(INFRA_API, "DevMachine"), List.of(INFRA_API, "DevMachineTemplate"),
      List.of("v1", "Secret"), List.of("v1", "ConfigMap"));

  private final SandboxServer sandbox;
  private final KubernetesClient management;
  private final KubernetesClient workload;

  private PivotSandbox(SandboxServer sandbox, KubernetesClient management, KubernetesClient workload) {
    this.sandbox = sandbox;
    this.management = management;
    this.workload = workload;
  }

  /** Starts one with the Dev provider's CRDs in both clusters. */
  static PivotSandbox start() {
    return start(List.of(DEV));
  }

  /**
   * Starts one; aborts the test, loudly, when the upstream CRDs are not available.
   *
   * @param managementProviders the infrastructure providers whose CRDs the management cluster has
   */
  static PivotSandbox start(List<InfraKinds> managementProviders) {
    Path crds = CrdSchemas.configuredDirectory().orElse(null);
    if (crds == null || !Files.isDirectory(crds.resolve("cluster-api"))) {
      System.err.println("UPSTREAM CAPI CRDS NOT FOUND under " + crds + ": pivot tests SKIPPED");
      Assumptions.abort("the upstream CAPI CRDs are not available under " + crds);
    }
    SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
    sandbox.createCluster(WORKLOAD);
    KubernetesClient management = KubeClients.forUrl(sandbox.clusterUrl(SandboxServer.MANAGEMENT));
    KubernetesClient workload = KubeClients.forUrl(sandbox.clusterUrl(WORKLOAD));
    CapiCrds.install(management, managementProviders, Optional.of(crds));
    CapiCrds.install(workload, List.of(DEV), Optional.of(crds));
    return new PivotSandbox(sandbox, management, workload);
  }

  KubernetesClient management() {
    return management;
  }

  KubernetesClient workload() {
    return workload;
  }

  MoveApi managementApi() {
    return new Fabric8MoveApi(management);
  }

  MoveApi workloadApi() {
    return new Fabric8MoveApi(workload);
  }

  MoveJournal journal() {
    return new ConfigMapMoveJournal(management);
  }

  static MoveRequest pivot(String namespace, String cluster) {
    return new MoveRequest(namespace, cluster, GROUPS, MoveDirection.TO_WORKLOAD);
  }

  static MoveRequest back(String namespace, String cluster) {
    return new MoveRequest(namespace, cluster, GROUPS, MoveDirection.TO_MANAGEMENT);
  }

  /**
   * The docker example right after step 3, with ownerReferences as Cluster API sets them (capi-contracts §5.2): 14
   * objects.
   */
  void dockerExample(KubernetesClient client, String namespace, String cluster) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    String kcpName = cluster + "-control-plane";
    String machineName = kcpName + "-a1b2c";
    String templateName = kcpName + "-2fb4a9bf25";

    ObjectNode clusterObject = object(CLUSTER_API, "Cluster", namespace, cluster);
    clusterObject.at("/metadata").withArray("finalizers").add("cluster.cluster.x-k8s.io");
    ObjectNode spec = clusterObject.putObject("spec");
    spec.putObject("clusterNetwork").putObject("pods").putArray("cidrBlocks").add("192.168.0.0/16");
    spec.set("controlPlaneRef", ref("controlplane.cluster.x-k8s.io", "KubeadmControlPlane", kcpName));
    spec.set("infrastructureRef", ref("infrastructure.cluster.x-k8s.io", "DevCluster", cluster));
    GenericKubernetesResource clusterResource = create(client, clusterObject);

    ObjectNode devCluster = object(INFRA_API, "DevCluster", namespace, cluster);
    devCluster.putObject("spec").putObject("backend").putObject("docker");
    owned(devCluster, clusterResource, true);
    create(client, devCluster);

    ObjectNode template = object(INFRA_API, "DevMachineTemplate", namespace, templateName);
    template.putObject("spec").putObject("template").putObject("spec").putObject("backend").putObject("docker");
    owned(template, clusterResource, false);
    create(client, template);

    ObjectNode kcp = object(CONTROL_PLANE_API, "KubeadmControlPlane", namespace, kcpName);
    ObjectNode kcpSpec = kcp.putObject("spec");
    kcpSpec.put("replicas", 1).put("version", "v1.33.4");
    kcpSpec.putObject("machineTemplate").putObject("spec")
        .set("infrastructureRef", ref("infrastructure.cluster.x-k8s.io", "DevMachineTemplate", templateName));
    kcpSpec.putObject("kubeadmConfigSpec").put("format", "cloud-config");
    owned(kcp, clusterResource, true);
    GenericKubernetesResource kcpResource = create(client, kcp);

    ObjectNode machine = object(CLUSTER_API, "Machine", namespace, machineName);
    ((ObjectNode) machine.get("metadata")).withObject("labels").put("cluster.x-k8s.io/control-plane", "");
    ObjectNode machineSpec = machine.putObject("spec");
    machineSpec.put("clusterName", cluster).put("version", "v1.33.4");
    machineSpec.putObject("bootstrap").put("dataSecretName", machineName)
        .set("configRef", ref("bootstrap.cluster.x-k8s.io", "KubeadmConfig", machineName));
    machineSpec.set("infrastructureRef", ref("infrastructure.cluster.x-k8s.io", "DevMachine", machineName));
    owned(machine, kcpResource, true);
    GenericKubernetesResource machineResource = create(client, machine);

    ObjectNode devMachine = object(INFRA_API, "DevMachine", namespace, machineName);
    devMachine.putObject("spec").putObject("backend").putObject("docker");
    owned(devMachine, machineResource, true);
    create(client, devMachine);

    ObjectNode config = object(BOOTSTRAP_API, "KubeadmConfig", namespace, machineName);
    config.putObject("spec").put("format", "cloud-config");
    owned(config, machineResource, true);
    GenericKubernetesResource configResource = create(client, config);

    ObjectNode bootstrapData = secret(namespace, machineName, "cluster.x-k8s.io/secret");
    owned(bootstrapData, configResource, true);
    create(client, bootstrapData);

    for (String purpose : List.of("kubeconfig", "ca", "etcd", "sa", "proxy")) {
      ObjectNode clusterSecret = secret(namespace, cluster + "-" + purpose, "cluster.x-k8s.io/secret");
      owned(clusterSecret, kcpResource, true);
      create(client, clusterSecret);
    }

    ObjectNode healthCheck = object(CLUSTER_API, "MachineHealthCheck", namespace, kcpName);
    ObjectNode checkSpec = healthCheck.putObject("spec");
    checkSpec.put("clusterName", cluster);
    checkSpec.putObject("selector").putObject("matchLabels").put("cluster.x-k8s.io/control-plane", "");
    owned(healthCheck, clusterResource, false);
    create(client, healthCheck);
    reportProvisioned(client, namespace, cluster);
  }

  /**
   * Writes the status Cluster API's controllers report once the first control-plane node joined (moves never copy
   * status; after a move the target's controllers rebuild it, which this plays).
   */
  static void reportProvisioned(KubernetesClient client, String namespace, String cluster) {
    ObjectNode status = Mappers.json().createObjectNode();
    status.putObject("initialization").put("infrastructureProvisioned", true).put("controlPlaneInitialized", true);
    status.putArray("conditions").addObject().put("type", "ControlPlaneInitialized").put("status", "True")
        .put("reason", "Initialized").put("message", "").put("lastTransitionTime", "2026-11-25T10:00:00Z");
    writeStatus(client, CLUSTER_API, "Cluster", namespace, cluster, status);
    String machineName = cluster + "-control-plane-a1b2c";
    ObjectNode machineStatus = Mappers.json().createObjectNode();
    machineStatus.putObject("nodeRef").put("name", machineName);
    machineStatus.put("phase", "Running");
    writeStatus(client, CLUSTER_API, "Machine", namespace, machineName, machineStatus);
  }

  private static void writeStatus(KubernetesClient client, String apiVersion, String kind, String namespace,
      String name, ObjectNode status) {
    GenericKubernetesResource object = client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace)
        .withName(name).get();
    object.setAdditionalProperty("status", client.getKubernetesSerialization().convertValue(status, Map.class));
    client.resource(object).updateStatus();
  }

  static ObjectNode object(String apiVersion, String kind, String namespace, String name) {
    ObjectNode object = Mappers.json().createObjectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    return object;
  }

  static ObjectNode secret(String namespace, String name, String type) {
    ObjectNode secret = object("v1", "Secret", namespace, name);
    secret.put("type", type);
    secret.putObject("data").put("value", "c2VjcmV0LXZhbHVl");
    return secret;
  }

  private static ObjectNode ref(String apiGroup, String kind, String name) {
    ObjectNode ref = Mappers.json().createObjectNode();
    ref.put("apiGroup", apiGroup).put("kind", kind).put("name", name);
    return ref;
  }

  private static void owned(ObjectNode object, GenericKubernetesResource owner, boolean controller) {
    ObjectNode ownerRef = ((ObjectNode) object.get("metadata")).withArray("ownerReferences").addObject();
    ownerRef.put("apiVersion", owner.getApiVersion()).put("kind", owner.getKind())
        .put("name", owner.getMetadata().getName()).put("uid", owner.getMetadata().getUid());
    if (controller) {
      ownerRef.put("controller", true).put("blockOwnerDeletion", true);
    }
  }

  static GenericKubernetesResource create(KubernetesClient client, ObjectNode object) {
    return client.resource(KubeTrees.resource(object)).create();
  }

  /** Every object of the graph's kinds in the namespace, by {@code Kind name}, sorted (Kubernetes' own left out). */
  static Map<String, JsonNode> objects(KubernetesClient client, String namespace) {
    Map<String, JsonNode> objects = new TreeMap<>();
    for (List<String> kind : GRAPH_KINDS) {
      for (GenericKubernetesResource item : client.genericKubernetesResources(kind.get(0), kind.get(1))
          .inNamespace(namespace).list().getItems()) {
        if (!item.getMetadata().getName().equals("kube-root-ca.crt")) {
          objects.put(kind.get(1) + " " + item.getMetadata().getName(), KubeTrees.tree(item));
        }
      }
    }
    return objects;
  }

  /**
   * The drill invariant: every object of {@code expected} in exactly one cluster, none in both, and no Cluster paused
   * in either.
   */
  void assertEachObjectOnceAndNothingPaused(String namespace, Set<String> expected) {
    Map<String, JsonNode> onManagement = objects(management, namespace);
    Map<String, JsonNode> onWorkload = objects(workload, namespace);
    Set<String> inBoth = new TreeSet<>(onManagement.keySet());
    inBoth.retainAll(onWorkload.keySet());
    assertThat(inBoth).as("objects in both clusters").isEmpty();
    assertThat(union(onManagement.keySet(), onWorkload.keySet())).as("objects in either cluster")
        .containsExactlyInAnyOrderElementsOf(expected);
    for (Map<String, JsonNode> side : List.of(onManagement, onWorkload)) {
      side.forEach((key, object) -> {
        if (key.startsWith("Cluster ")) {
          assertThat(object.at("/spec/paused").asBoolean(false)).as(key + " paused").isFalse();
        }
      });
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public void close() {
    management.close();
    workload.close();
    sandbox.close();
  }
}
