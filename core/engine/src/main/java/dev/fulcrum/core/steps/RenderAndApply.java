package dev.fulcrum.core.steps;

import dev.fulcrum.core.kube.ApplyConflictException;
import dev.fulcrum.core.kube.Namespaces;
import dev.fulcrum.core.kube.ServerSideApply;
import dev.fulcrum.core.render.ClusterRenderer;
import dev.fulcrum.core.render.KubeObject;
import dev.fulcrum.core.render.Labels;
import dev.fulcrum.core.render.Stage;
import dev.fulcrum.core.yaml.CanonicalJson;
import dev.fulcrum.spi.ClusterRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step 2, render and apply: the Cluster API objects of the cluster's first stage (the Cluster, the
 * provider's infrastructure cluster, a one-replica KubeadmControlPlane and its machine template) are
 * rendered and server-side applied into the cluster's own namespace, {@code <project>--<name>},
 * which is created first.
 *
 * <p>Objects have stable names, so applying again (after a crash half-way, or on a resync) changes
 * nothing that is right and repairs what is not. To spare the API server, the same objects are not
 * re-applied for the same cluster within the re-apply interval; that memory is only an
 * optimisation, so a restarted server simply applies once more.
 */
public final class RenderAndApply extends Step {
  public static final String NAME = "RenderAndApply";
  public static final String CONDITION = "ObjectsApplied";

  private static final int REMEMBERED_CLUSTERS = 10_000;

  private final ClusterRenderer renderer;
  private final ServerSideApply applier;
  private final PivotMarks marks;
  private final Duration reapplyInterval;
  private final Clock clock;
  private final Map<String, Applied> lastApplied =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Applied> eldest) {
          return size() > REMEMBERED_CLUSTERS;
        }
      };

  /**
   * @param reapplyInterval how long unchanged objects of one cluster are not applied again
   */
  public RenderAndApply(
      ClusterRenderer renderer, ServerSideApply applier, PivotMarks marks, Duration reapplyInterval, Clock clock) {
    super(NAME, CONDITION, "render the Cluster API objects and apply them to the management cluster");
    this.renderer = renderer;
    this.applier = applier;
    this.marks = marks;
    this.reapplyInterval = reapplyInterval;
    this.clock = clock;
  }

  @Override
  public StepOutcome reconcile(WorkloadClusterState cluster) {
    ClusterRequest request = cluster.request();
    if (marks.isPivoted(request.namespace())) {
      return StepOutcome.done("Pivoted", "the cluster holds its own Cluster API objects since the pivot");
    }
    List<KubeObject> objects = renderer.render(request, Stage.INITIAL);
    String digest = CanonicalJson.sha256Hex(objects);
    StepOutcome applied =
        StepOutcome.done(
            "Applied",
            "applied " + objects.size() + " objects to namespace " + request.namespace() + ": "
                + objects.stream().map(object -> object.kind() + " " + object.name()).collect(Collectors.joining(", ")));
    if (appliedRecently(cluster.uid(), digest)) {
      return applied;
    }
    try {
      applier.apply(namespace(request));
      for (KubeObject object : objects) {
        applier.apply(object.toTree());
      }
    } catch (ApplyConflictException e) {
      return StepOutcome.failed("Conflict", e.getMessage());
    }
    remember(cluster.uid(), digest);
    return applied;
  }

  private static ObjectNode namespace(ClusterRequest request) {
    return Namespaces.namespace(
        request.namespace(),
        Map.of(
            Labels.MANAGED_BY, Labels.MANAGED_BY_FULCRUM,
            Labels.PROJECT, request.project(),
            Labels.CLUSTER, request.name()));
  }

  private synchronized boolean appliedRecently(String uid, String digest) {
    Applied applied = lastApplied.get(uid);
    return applied != null
        && applied.digest.equals(digest)
        && applied.at.plus(reapplyInterval).isAfter(clock.instant());
  }

  private synchronized void remember(String uid, String digest) {
    lastApplied.put(uid, new Applied(digest, clock.instant()));
  }

  private record Applied(String digest, Instant at) {}
}
