package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code fulcrum cluster scale NAME --pool P --replicas N}: scale a worker pool or the control plane. */
@Command(
    name = "scale",
    description = {
      "Scale a worker pool (--pool) or the control plane (--control-plane: 1, 3, 5 or 7 machines). The agent "
          + "inside the cluster adds or removes machines, one control-plane machine at a time."
    },
    mixinStandardHelpOptions = true)
final class ClusterScaleCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Mixin private ProjectOption project;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
  private String name;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Target target;

  static final class Target {
    @Option(names = "--pool", paramLabel = "POOL", description = "The worker pool to scale.")
    String pool;

    @Option(names = "--control-plane", description = "Scale the control plane instead of a worker pool.")
    boolean controlPlane;
  }

  @Option(names = "--replicas", required = true, paramLabel = "N", description = "The number of machines.")
  private int replicas;

  @Override
  public Integer call() {
    ClusterRef ref = new ClusterRef(project.orDefault(), name);
    String what = (target.controlPlane ? "control plane" : "pool " + target.pool) + ": " + replicas + " replicas";
    return SpecChange.apply(client.client(), ref, this::scale, what, spec.commandLine().getOut());
  }

  private void scale(ObjectNode clusterSpec) {
    if (target.controlPlane) {
      clusterSpec.withObject("controlPlane").put("replicas", replicas);
      return;
    }
    for (JsonNode pool : clusterSpec.path("workerPools")) {
      if (target.pool.equals(pool.path("name").asString())) {
        ((ObjectNode) pool).put("replicas", replicas);
        return;
      }
    }
    throw new ParameterException(
        spec.commandLine(), "cluster " + name + " has no worker pool '" + target.pool + "'; its pools: " + pools(clusterSpec));
  }

  private static String pools(ObjectNode clusterSpec) {
    StringBuilder names = new StringBuilder();
    clusterSpec.path("workerPools").forEach(pool -> names.append(names.length() == 0 ? "" : ", ").append(pool.path("name").asString()));
    return names.length() == 0 ? "(none)" : names.toString();
  }
}
