package dev.fulcrum.sandbox.capi;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/** The Cluster API groups, kinds, labels, annotations and finalizers the simulated controllers use. */
final class Capi {
  static final String CORE_GROUP = "cluster.x-k8s.io";
  static final String CONTROL_PLANE_GROUP = "controlplane.cluster.x-k8s.io";
  static final String BOOTSTRAP_GROUP = "bootstrap.cluster.x-k8s.io";
  static final String ADDONS_GROUP = "addons.cluster.x-k8s.io";
  static final String VERSION = "v1beta2";

  static final ResourceKind CLUSTER = ResourceKind.of(CORE_GROUP, VERSION, "Cluster");
  static final ResourceKind MACHINE = ResourceKind.of(CORE_GROUP, VERSION, "Machine");
  static final ResourceKind MACHINE_SET = ResourceKind.of(CORE_GROUP, VERSION, "MachineSet");
  static final ResourceKind MACHINE_DEPLOYMENT = ResourceKind.of(CORE_GROUP, VERSION, "MachineDeployment");
  static final ResourceKind MACHINE_HEALTH_CHECK = ResourceKind.of(CORE_GROUP, VERSION, "MachineHealthCheck");
  static final ResourceKind KUBEADM_CONTROL_PLANE = ResourceKind.of(CONTROL_PLANE_GROUP, VERSION,
      "KubeadmControlPlane");
  static final ResourceKind KUBEADM_CONFIG = ResourceKind.of(BOOTSTRAP_GROUP, VERSION, "KubeadmConfig");
  static final ResourceKind KUBEADM_CONFIG_TEMPLATE = ResourceKind.of(BOOTSTRAP_GROUP, VERSION,
      "KubeadmConfigTemplate");

  static final ResourceKind SECRET = new ResourceKind("", "v1", "Secret", "secrets");

  static final String CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";
  static final String CONTROL_PLANE_LABEL = "cluster.x-k8s.io/control-plane";
  static final String CONTROL_PLANE_NAME_LABEL = "cluster.x-k8s.io/control-plane-name";
  static final String SET_NAME_LABEL = "cluster.x-k8s.io/set-name";
  static final String DEPLOYMENT_NAME_LABEL = "cluster.x-k8s.io/deployment-name";
  static final String TEMPLATE_HASH_LABEL = "machine-template-hash";

  static final String PAUSED_ANNOTATION = "cluster.x-k8s.io/paused";
  static final String CLONED_FROM_NAME = "cluster.x-k8s.io/cloned-from-name";
  static final String CLONED_FROM_GROUP_KIND = "cluster.x-k8s.io/cloned-from-groupkind";
  static final String DELETE_MACHINE_ANNOTATION = "cluster.x-k8s.io/delete-machine";
  static final String MANAGED_BY_LABEL = "cluster.x-k8s.io/managed-by";
  /** Set by clusterctl move on source objects right before deleting them: a move, not a real deletion. */
  static final String DELETE_FOR_MOVE_ANNOTATION = "clusterctl.cluster.x-k8s.io/delete-for-move";
  static final String SKIP_REMEDIATION_ANNOTATION = "cluster.x-k8s.io/skip-remediation";
  /** RFC 3339 expiry of a control-plane machine's certificates, on the Machine (override) or its KubeadmConfig. */
  static final String CERTIFICATES_EXPIRY_ANNOTATION = "machine.cluster.x-k8s.io/certificates-expiry";

  static final String CLUSTER_FINALIZER = "cluster.cluster.x-k8s.io";
  static final String MACHINE_FINALIZER = "machine.cluster.x-k8s.io";

  /** The type of every Secret Cluster API reads (kubeconfig, certificates, bootstrap data). */
  static final String SECRET_TYPE = "cluster.x-k8s.io/secret";

  private static final int MAX_LABEL_VALUE = 63;

  private Capi() {}

  /** Every kind the simulator reads or writes, for the given providers; each needs its CRD installed. */
  static List<ResourceKind> simulatedKinds(List<InfraKinds> providers) {
    List<ResourceKind> kinds = new ArrayList<>(List.of(CLUSTER, MACHINE, MACHINE_SET,
        MACHINE_DEPLOYMENT, MACHINE_HEALTH_CHECK, KUBEADM_CONTROL_PLANE, KUBEADM_CONFIG, KUBEADM_CONFIG_TEMPLATE));
    for (InfraKinds provider : providers) {
      kinds.add(provider.clusterResource());
      kinds.add(provider.machineResource());
      kinds.add(provider.machineTemplateResource());
    }
    return kinds;
  }

  /** A name usable as a label value: itself when short enough, else a prefix and a hash of it. */
  static String labelValue(String name) {
    if (name.length() <= MAX_LABEL_VALUE) {
      return name;
    }
    String hash = Trees.hash(name, 10);
    return name.substring(0, MAX_LABEL_VALUE - hash.length() - 1) + "-" + hash;
  }

  /** A label selector's {@code matchLabels} as the string form status fields use ({@code k=v,k2=v2}). */
  static String selectorString(JsonNode selector) {
    StringJoiner text = new StringJoiner(",");
    Trees.stringMap(selector.path("matchLabels")).forEach((key, value) -> text.add(key + "=" + value));
    return text.toString();
  }
}
