package dev.fulcrum.core.request;

import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.NodeRole;
import dev.fulcrum.spi.Settings;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code spec.controlPlane} and {@code spec.workerPools}. */
final class PoolsReader {
  /** The most machines one worker pool may ask for. */
  static final long MAX_WORKER_REPLICAS = 1000;

  /**
   * The longest pool name: CAPI derives {@code <cluster>-<pool>-xxxxx-yyyyy} Machine names, and with
   * a cluster name of at most 32 characters they stay within Kubernetes' 63.
   */
  static final int MAX_POOL_NAME_LENGTH = 16;

  private static final Set<Long> CONTROL_PLANE_REPLICAS = Set.of(1L, 3L, 5L, 7L);
  private static final String NAME = "name";
  private static final String REPLICAS = "replicas";
  private static final String ROLLOUT_AFTER = "rolloutAfter";
  private static final Set<String> CONTROL_PLANE_FIELDS = Set.of(REPLICAS, "machine", ROLLOUT_AFTER);
  private static final Set<String> WORKER_POOL_FIELDS = Set.of(NAME, REPLICAS, "machine");

  private PoolsReader() {}

  static Optional<NodePool> controlPlane(StrictObject spec, ProviderSettings settings, Problems problems) {
    Optional<StrictObject> controlPlane =
        spec.requiredObject(
            "controlPlane", CONTROL_PLANE_FIELDS, "the control plane, e.g. {replicas: 3, machine: {…}}");
    if (controlPlane.isEmpty()) {
      return Optional.empty();
    }
    StrictObject pool = controlPlane.get();
    Optional<Long> replicas = pool.requiredInteger(REPLICAS, "the number of control-plane machines: 1, 3, 5 or 7");
    replicas
        .filter(count -> !CONTROL_PLANE_REPLICAS.contains(count))
        .ifPresent(
            count ->
                problems.add(
                    pool.path(REPLICAS),
                    "must be an odd number (1, 3, 5 or 7): KubeadmControlPlane with stacked etcd refuses even"
                        + " counts, and etcd gains nothing from more than 7 members; got "
                        + count));
    pool.string(ROLLOUT_AFTER)
        .filter(PoolsReader::notATimestamp)
        .ifPresent(
            text ->
                problems.add(
                    pool.path(ROLLOUT_AFTER),
                    "must be an RFC 3339 time such as 2026-11-26T10:00:00Z (control-plane machines created before it"
                        + " are replaced); got "
                        + Values.quote(text)));
    Settings machine = settings.machine(pool);
    return replicas
        .filter(CONTROL_PLANE_REPLICAS::contains)
        .map(
            count ->
                new NodePool(
                    NodePool.CONTROL_PLANE_NAME, NodeRole.CONTROL_PLANE, count.intValue(), machine, pool.path()));
  }

  private static boolean notATimestamp(String text) {
    try {
      OffsetDateTime.parse(text);
      return false;
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  /** The worker pools in request order; an absent list means none. */
  static List<NodePool> workerPools(StrictObject spec, ProviderSettings settings, Problems problems) {
    List<NodePool> pools = new ArrayList<>();
    Map<String, String> namePaths = new HashMap<>();
    for (StrictObject.Element element : spec.list("workerPools")) {
      Optional<StrictObject> pool = StrictObject.of(element.value(), element.path(), WORKER_POOL_FIELDS, problems);
      if (pool.isEmpty()) {
        continue;
      }
      Optional<String> name = poolName(pool.get(), namePaths, problems);
      Optional<Long> replicas = workerReplicas(pool.get(), problems);
      Settings machine = settings.machine(pool.get());
      if (name.isPresent() && replicas.isPresent()) {
        pools.add(new NodePool(name.get(), NodeRole.WORKER, replicas.get().intValue(), machine, element.path()));
      }
    }
    return pools;
  }

  private static Optional<String> poolName(StrictObject pool, Map<String, String> namePaths, Problems problems) {
    String path = pool.path(NAME);
    Optional<String> name = pool.requiredString(NAME, "the pool name, unique in the cluster");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> problem =
        KubernetesNames.dnsLabelProblem(name.get(), MAX_POOL_NAME_LENGTH, "(derived Machine names must fit in 63)");
    if (problem.isEmpty() && name.get().equals(NodePool.CONTROL_PLANE_NAME)) {
      problem =
          Optional.of("'" + NodePool.CONTROL_PLANE_NAME + "' is reserved for the control plane; choose another name");
    }
    String firstPath = namePaths.putIfAbsent(name.get(), path);
    if (problem.isEmpty() && firstPath != null) {
      problem = Optional.of("duplicates " + firstPath + "; pool names must be unique");
    }
    problem.ifPresent(message -> problems.add(path, message));
    return problem.isEmpty() ? name : Optional.empty();
  }

  private static Optional<Long> workerReplicas(StrictObject pool, Problems problems) {
    Optional<Long> replicas =
        pool.requiredInteger(REPLICAS, "the number of machines in the pool, 0 to " + MAX_WORKER_REPLICAS);
    if (replicas.isPresent() && (replicas.get() < 0 || replicas.get() > MAX_WORKER_REPLICAS)) {
      problems.add(pool.path(REPLICAS), "must be between 0 and " + MAX_WORKER_REPLICAS + "; got " + replicas.get());
      return Optional.empty();
    }
    return replicas;
  }
}
