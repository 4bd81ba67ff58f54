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
 * @param profiles {@code spec.profiles}, in request order
 * @param variables {@code spec.variables}: the profiles' variables set for this cluster (strings, numbers, booleans)
 * @param overrides {@code spec.overrides}: per-layer values for this cluster, in request order
 */
public record WorkloadCluster(
    ClusterRequest request,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<ProfileRef> profiles,
    Map<String, Object> variables,
    List<ProfileOverride> overrides) {

  public WorkloadCluster {
    Objects.requireNonNull(request, "request");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    profiles = List.copyOf(profiles);
    variables = Collections.unmodifiableSortedMap(new TreeMap<>(variables));
    overrides = List.copyOf(overrides);
  }
}
