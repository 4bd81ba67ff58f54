package dev.fulcrum.core.pivot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What to move.
 *
 * @param namespace the namespace holding the cluster's objects, the same in both clusters
 * @param clusterName the Cluster API Cluster's name
 * @param apiGroups the API groups of the providers this cluster uses: only CRDs of these groups carrying the
 *     {@code clusterctl.cluster.x-k8s.io} label are listed (plus core Secrets and ConfigMaps)
 * @param direction which way the move goes
 */
public record MoveRequest(String namespace, String clusterName, Set<String> apiGroups, MoveDirection direction) {
  /** The namespace the journal lives in; never moved. */
  static final String JOURNAL_NAMESPACE = "fulcrum-system";

  /** @throws IllegalArgumentException naming every invalid field */
  public MoveRequest {
    List<String> problems = new ArrayList<>();
    if (namespace == null || namespace.isBlank()) {
      problems.add("namespace: must not be blank");
    } else if (namespace.equals(JOURNAL_NAMESPACE)) {
      problems.add("namespace: " + JOURNAL_NAMESPACE + " holds move journals and is never moved");
    }
    if (clusterName == null || clusterName.isBlank()) {
      problems.add("clusterName: must not be blank");
    }
    if (apiGroups == null || apiGroups.isEmpty()) {
      problems.add("apiGroups: must name at least one API group");
    } else if (apiGroups.stream().anyMatch(group -> group == null || group.isBlank())) {
      problems.add("apiGroups: must not contain a blank group");
    }
    if (direction == null) {
      problems.add("direction: must be given");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid move request: " + String.join("; ", problems));
    }
    apiGroups = Set.copyOf(apiGroups);
  }
}
