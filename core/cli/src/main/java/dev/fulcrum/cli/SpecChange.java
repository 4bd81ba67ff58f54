package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.yaml.Mappers;
import java.io.PrintWriter;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * A day-2 change made the way every change is made: the cluster's request is read from the server, one part of its
 * spec changed, and the request applied again; the server validates it, and the agent inside the cluster carries it
 * out.
 */
final class SpecChange {
  private SpecChange() {}

  /**
   * @param change edits the spec in place
   * @param what what changed, for people, e.g. "pool general: 3 replicas"
   */
  static int apply(ApiClient api, ClusterRef ref, Consumer<ObjectNode> change, String what, PrintWriter out) {
    ObjectNode request = WorkloadClusters.requestDocument(ClusterLookup.require(api, ref));
    change.accept((ObjectNode) request.get("spec"));
    api.apply(ref, Mappers.json().writeValueAsBytes(request), "application/json");
    out.println(
        "cluster " + ref.name() + " in project " + ref.project() + ": " + what
            + "; the agent in the cluster carries it out (follow with: fulcrum cluster watch " + ref.name()
            + (ref.project().equals(ProjectOption.DEFAULT_PROJECT) ? "" : " -n " + ref.project()) + ")");
    out.flush();
    return 0;
  }
}
