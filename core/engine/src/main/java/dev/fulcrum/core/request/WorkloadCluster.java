package dev.fulcrum.core.request;

import dev.fulcrum.spi.ClusterRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A validated {@code WorkloadCluster} request with what the provider-facing {@link ClusterRequest}
 * does not carry.
 *
 * @param request the request as providers see it
 * @param labels {@code metadata.labels}, sorted by key
 * @param annotations {@code metadata.annotations}, sorted by key
 * @param profiles {@code spec.profiles}, in request order (stored; not acted on yet)
 */
public record WorkloadCluster(
    ClusterRequest request, Map<String, String> labels, Map<String, String> annotations, List<ProfileRef> profiles) {

  public WorkloadCluster {
    Objects.requireNonNull(request, "request");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    profiles = List.copyOf(profiles);
  }
}
