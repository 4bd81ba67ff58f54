package dev.fulcrum.plugins.vsphere;

import dev.fulcrum.spi.CloudInit;
import java.util.List;

/**
 * The kube-vip static pod that gives a vSphere cluster its control-plane endpoint: vSphere has no
 * load balancer, so one control-plane node at a time announces the virtual IP, as CAPV's own
 * cluster templates do.
 */
final class KubeVip {
  static final String MANIFEST_PATH = "/etc/kubernetes/manifests/kube-vip.yaml";
  static final String PREPARE_SCRIPT_PATH = "/etc/kube-vip-prepare.sh";
  /** From this Kubernetes minor on, kubeadm init's admin.conf lacks rights until init ends. */
  private static final int SUPER_ADMIN_MINOR = 29;

  private final String manifestTemplate;
  private final String prepareScript;

  KubeVip(String manifestTemplate, String prepareScript) {
    this.manifestTemplate = manifestTemplate;
    this.prepareScript = prepareScript;
  }

  /** Files and commands for every control-plane node of a cluster at {@code kubernetesVersion}. */
  CloudInit controlPlaneNodes(String virtualIp, long port, String kubernetesVersion) {
    String manifest = manifestTemplate
        .replace("${VIP}", virtualIp)
        .replace("${PORT}", Long.toString(port))
        .replace("${VIP_PREFIX}", virtualIp.contains(":") ? "128" : "32");
    CloudInit.File pod = CloudInit.File.of(MANIFEST_PATH, manifest, "0644", "root:root");
    if (minor(kubernetesVersion) < SUPER_ADMIN_MINOR) {
      return CloudInit.NONE.withFiles(List.of(pod));
    }
    CloudInit.File script = CloudInit.File.of(PREPARE_SCRIPT_PATH, prepareScript, "0700", "root:root");
    return CloudInit.NONE.withFiles(List.of(pod, script)).withPreKubeadmCommands(List.of(PREPARE_SCRIPT_PATH));
  }

  /** The minor of {@code v1.33.4}; versions that do not parse count as current. */
  private static int minor(String kubernetesVersion) {
    String[] parts = kubernetesVersion.replaceFirst("^v", "").split("\\.");
    try {
      return parts.length > 1 ? Integer.parseInt(parts[1]) : Integer.MAX_VALUE;
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
