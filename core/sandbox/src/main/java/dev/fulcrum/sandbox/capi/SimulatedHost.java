package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * What runs on a simulated machine, acting on its cluster's own API: {@code kubeadm init} (the API comes up with
 * kubeadm's ConfigMap, RBAC and the kube-proxy and CoreDNS add-ons), the kubelet registering its Node (provider ID,
 * Ready, node info, control-plane label and taint) and, on control-plane machines, the static pods of etcd and the
 * control-plane components, which Cluster API checks.
 */
final class SimulatedHost {

  static final String CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";
  static final String KUBEADM_CONFIG = "kubeadm-config";
  /** Node annotation: {@code stopped} stops the node's simulated kubelet from posting status. */
  static final String KUBELET_ANNOTATION = "sandbox.fulcrum.dev/kubelet";

  /**
   * Node annotation (RFC 3339 time) beside {@link #KUBELET_ANNOTATION}: the kubelet has been silent since then, so the
   * node's conditions turn Unknown at once with that transition time (a failure that began a while ago, as health
   * check timeouts measure it).
   */
  static final String KUBELET_STOPPED_SINCE_ANNOTATION = "sandbox.fulcrum.dev/kubelet-stopped-since";
  private static final String NODE_STATUS_UNKNOWN = "NodeStatusUnknown";
  private static final String KUBE_SYSTEM = "kube-system";
  private static final String REGISTRY = "registry.k8s.io/";
  private static final List<String> STATIC_PODS = List.of("etcd", "kube-apiserver", "kube-controller-manager",
      "kube-scheduler");

  private final WorkloadClusters workloads;

  SimulatedHost(WorkloadClusters workloads) {
    this.workloads = workloads;
  }

  /** Whether the cluster's API is up (some control-plane machine ran {@code kubeadm init}). */
  boolean apiRunning(String apiName) {
    return workloads.apis().exists(apiName);
  }

  /** {@code kubeadm init}: the cluster's API comes up with what kubeadm and its add-on phase write. */
  void initControlPlane(String apiName, String clusterName, String version, String endpoint,
      ObjectNode clusterNetwork) {
    workloads.apis().create(apiName);
    KubernetesClient client = workloads.host(apiName);
    ObjectNode configuration = Trees.object();
    configuration.put("apiVersion", CloudConfig.KUBEADM_API);
    configuration.put("kind", "ClusterConfiguration");
    configuration.put("clusterName", clusterName);
    configuration.put("kubernetesVersion", version);
    configuration.put("controlPlaneEndpoint", endpoint);
    configuration.set("networking", clusterNetwork);
    createIfMissing(client, new ConfigMapBuilder().withNewMetadata().withName(KUBEADM_CONFIG)
        .withNamespace(KUBE_SYSTEM).endMetadata().withData(Map.of("ClusterConfiguration", Trees.yaml(configuration)))
        .build());
    createIfMissing(client, new ClusterRoleBuilder().withNewMetadata().withName("kubeadm:get-nodes").endMetadata()
        .addNewRule().withApiGroups("").withResources("nodes").withVerbs("get").endRule().build());
    createIfMissing(client, new ClusterRoleBindingBuilder().withNewMetadata().withName("kubeadm:get-nodes")
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "kubeadm:get-nodes")
        .addNewSubject().withKind("Group").withName("system:bootstrappers:kubeadm:default-node-token").endSubject()
        .build());
    Map<String, String> proxyLabels = Map.of("k8s-app", "kube-proxy");
    createIfMissing(client, new DaemonSetBuilder().withNewMetadata().withName("kube-proxy").withNamespace(KUBE_SYSTEM)
        .withLabels(proxyLabels).endMetadata().withNewSpec().withNewSelector().withMatchLabels(proxyLabels)
        .endSelector().withNewTemplate().withNewMetadata().withLabels(proxyLabels).endMetadata().withNewSpec()
        .addNewContainer().withName("kube-proxy").withImage(REGISTRY + "kube-proxy:" + version).endContainer()
        .endSpec().endTemplate().endSpec().build());
    Map<String, String> dnsLabels = Map.of("k8s-app", "kube-dns");
    createIfMissing(client, new ConfigMapBuilder().withNewMetadata().withName("coredns").withNamespace(KUBE_SYSTEM)
        .endMetadata().withData(Map.of("Corefile", ".:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n"
            + "    forward . /etc/resolv.conf\n    cache 30\n}\n")).build());
    createIfMissing(client, new DeploymentBuilder().withNewMetadata().withName("coredns").withNamespace(KUBE_SYSTEM)
        .withLabels(dnsLabels).endMetadata().withNewSpec().withReplicas(2).withNewSelector()
        .withMatchLabels(dnsLabels).endSelector().withNewTemplate().withNewMetadata().withLabels(dnsLabels)
        .endMetadata().withNewSpec().addNewContainer().withName("coredns")
        .withImage(REGISTRY + "coredns/coredns:v1.12.0").endContainer().endSpec().endTemplate().endSpec().build());
  }

  Optional<Node> node(String apiName, String nodeName) {
    return Optional.ofNullable(workloads.host(apiName).nodes().withName(nodeName).get());
  }

  /**
   * The kubelet registers its Node and posts it Ready (unless it has posted a status already); on a control-plane
   * machine the static pods run too.
   */
  void ensureNode(String apiName, String nodeName, String providerId, String version, boolean controlPlane,
      List<NodeAddress> addresses) {
    KubernetesClient client = workloads.host(apiName);
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(nodeName)
        .addToLabels("kubernetes.io/hostname", nodeName).addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", "amd64").endMetadata()
        .withNewSpec().withProviderID(providerId).endSpec();
    if (controlPlane) {
      node.editMetadata().addToLabels(CONTROL_PLANE_ROLE, "")
          .addToLabels("node.kubernetes.io/exclude-from-external-load-balancers", "").endMetadata()
          .editSpec().addNewTaint().withKey(CONTROL_PLANE_ROLE).withEffect("NoSchedule").endTaint().endSpec();
    }
    Node created = createIfMissing(client, node.build());
    if (controlPlane) {
      for (String component : STATIC_PODS) {
        ensureStaticPod(client, component, nodeName, version);
      }
    }
    if (created.getStatus() != null && !created.getStatus().getConditions().isEmpty()) {
      return;
    }
    Node withStatus = new NodeBuilder(created).withNewStatus()
        .withConditions(healthyConditions())
        .withAddresses(addresses)
        .withCapacity(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi"), "pods", new Quantity("110")))
        .withAllocatable(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi"), "pods", new Quantity("110")))
        .withNewNodeInfo().withArchitecture("amd64").withBootID(UUID.randomUUID().toString())
        .withContainerRuntimeVersion("containerd://2.0.0").withKernelVersion("6.8.0-fulcrum-sandbox")
        .withKubeProxyVersion(version).withKubeletVersion(version)
        .withMachineID(UUID.randomUUID().toString().replace("-", "")).withOperatingSystem("linux")
        .withOsImage("Fulcrum sandbox (simulated)").withSystemUUID(UUID.randomUUID().toString()).endNodeInfo()
        .endStatus().build();
    client.nodes().resource(withStatus).updateStatus();
  }

  private static List<NodeCondition> healthyConditions() {
    String now = Trees.timestamp(Instant.now());
    return List.of(condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now),
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "", now),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "", now),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "", now));
  }

  /** Whether the node's kubelet is stopped by the {@value #KUBELET_ANNOTATION} annotation. */
  static boolean kubeletStopped(Node node) {
    return node.getMetadata().getAnnotations() != null
        && "stopped".equals(node.getMetadata().getAnnotations().get(KUBELET_ANNOTATION));
  }

  /** When the node's kubelet went silent, if its annotation says so. */
  static Optional<Instant> stoppedSince(Node node) {
    String since = node.getMetadata().getAnnotations() == null ? null
        : node.getMetadata().getAnnotations().get(KUBELET_STOPPED_SINCE_ANNOTATION);
    try {
      return since == null ? Optional.empty() : Optional.of(Instant.parse(since));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Whether the node lifecycle controller marked the node's status Unknown (its kubelet went silent). */
  static boolean statusUnknown(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && NODE_STATUS_UNKNOWN.equals(c.getReason()));
  }

  /**
   * The node lifecycle controller's verdict on a node whose kubelet stopped posting status: every condition turns
   * Unknown.
   */
  void markStatusUnknown(String apiName, Node node) {
    String now = stoppedSince(node).map(Trees::timestamp).orElseGet(() -> Trees.timestamp(Instant.now()));
    Node unknown = new NodeBuilder(node).editStatus().withConditions(node.getStatus().getConditions().stream()
        .map(c -> condition(c.getType(), "Unknown", NODE_STATUS_UNKNOWN, "Kubelet stopped posting node status.",
            now)).toList()).endStatus().build();
    workloads.host(apiName).nodes().resource(unknown).updateStatus();
  }

  /** The kubelet posts status again: the node is Ready. */
  void postReady(String apiName, Node node) {
    Node ready = new NodeBuilder(node).editStatus().withConditions(healthyConditions()).endStatus().build();
    workloads.host(apiName).nodes().resource(ready).updateStatus();
  }

  /** The kubelet stops posting ready status. */
  void markNotReady(String apiName, Node node) {
    String now = Trees.timestamp(Instant.now());
    Node notReady = new NodeBuilder(node).editStatus().withConditions(node.getStatus().getConditions().stream()
        .map(c -> "Ready".equals(c.getType())
            ? condition("Ready", "False", "KubeletNotReady", "kubelet stopped posting node status", now) : c)
        .toList()).endStatus().build();
    workloads.host(apiName).nodes().resource(notReady).updateStatus();
  }

  static boolean nodeReady(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static boolean podReady(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static void ensureStaticPod(KubernetesClient client, String component, String nodeName, String version) {
    String image = "etcd".equals(component) ? REGISTRY + "etcd:3.5.21-0" : REGISTRY + component + ":" + version;
    Pod pod = createIfMissing(client, new PodBuilder().withNewMetadata().withName(component + "-" + nodeName)
        .withNamespace(KUBE_SYSTEM).addToLabels("component", component).addToLabels("tier", "control-plane")
        .endMetadata().withNewSpec().withNodeName(nodeName).withPriorityClassName("system-node-critical")
        .addNewContainer().withName(component).withImage(image).endContainer().endSpec().build());
    if (podReady(pod)) {
      return;
    }
    String now = Trees.timestamp(Instant.now());
    client.pods().resource(new PodBuilder(pod).withNewStatus().withPhase("Running").withStartTime(now)
        .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(now).endCondition()
        .addNewCondition().withType("ContainersReady").withStatus("True").withLastTransitionTime(now).endCondition()
        .endStatus().build()).updateStatus();
  }

  private static NodeCondition condition(String type, String status, String reason, String message, String now) {
    return new io.fabric8.kubernetes.api.model.NodeConditionBuilder().withType(type).withStatus(status)
        .withReason(reason).withMessage(message).withLastHeartbeatTime(now).withLastTransitionTime(now).build();
  }

  private static <T extends HasMetadata> T createIfMissing(KubernetesClient client, T object) {
    try {
      return client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      T existing = client.resource(object).get();
      if (existing == null) {
        // It existed a moment ago and is gone now: a concurrent delete; reconcile again.
        throw new KubernetesClientException(object.getKind() + " " + object.getMetadata().getName()
            + " was deleted while being created", 409, null);
      }
      return existing;
    }
  }
}
