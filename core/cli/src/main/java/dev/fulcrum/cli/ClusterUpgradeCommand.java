package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fulcrum cluster upgrade NAME --version V}: upgrade Kubernetes. */
@Command(
    name = "upgrade",
    description = {
      "Upgrade the cluster's Kubernetes version. The agent upgrades the control plane first, then the worker "
          + "pools, one minor version at a time: a version more than one minor ahead is reached through the .0 "
          + "release of every minor in between."
    },
    mixinStandardHelpOptions = true)
final class ClusterUpgradeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Mixin private ProjectOption project;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
  private String name;

  @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The Kubernetes version, e.g. v1.34.2.")
  private String version;

  @Override
  public Integer call() {
    ClusterRef ref = new ClusterRef(project.orDefault(), name);
    return SpecChange.apply(
        client.client(), ref, clusterSpec -> clusterSpec.put("kubernetesVersion", version), "Kubernetes " + version,
        spec.commandLine().getOut());
  }
}
