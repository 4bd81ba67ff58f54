package dev.fulcrum.core.agents;

import dev.fulcrum.core.request.KubernetesVersions.Version;
import dev.fulcrum.core.request.KubernetesVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes versions a cluster passes through on its way to the requested one. kubeadm and
 * KubeadmControlPlane upgrade at most one minor version at a time (capi-contracts §6), so a request that skips
 * minors is planned as a chain: each skipped minor at its {@code .0} release, then the requested version.
 */
final class UpgradePlan {
  private UpgradePlan() {}

  /**
   * @param running the version the cluster's machines run, if known
   * @param requested the version the request asks for
   * @return the versions to pass, in order, ending with {@code requested}
   */
  static List<String> versions(Optional<String> running, String requested) {
    Optional<Version> from = running.flatMap(KubernetesVersions::parse);
    Optional<Version> to = KubernetesVersions.parse(requested);
    List<String> versions = new ArrayList<>();
    if (from.isPresent() && to.isPresent() && from.get().major() == to.get().major()) {
      for (int minor = from.get().minor() + 1; minor < to.get().minor(); minor++) {
        versions.add(new Version(to.get().major(), minor, 0).toString());
      }
    }
    versions.add(requested);
    return versions;
  }
}
