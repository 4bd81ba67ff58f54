package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fulcrum sandbox kubeconfig}: a kubeconfig for kubectl. */
@Command(
    name = "kubeconfig",
    description = {
      "Print a kubeconfig: the sandbox management cluster's, or with --cluster a workload cluster's (its admin "
          + "kubeconfig, once its first control-plane node is ready).",
      "",
      "  fulcrum sandbox kubeconfig > sandbox.kubeconfig",
      "  kubectl --kubeconfig sandbox.kubeconfig get clusters.cluster.x-k8s.io -A"
    },
    mixinStandardHelpOptions = true)
final class SandboxKubeconfigCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Mixin private ProjectOption project;

  @Option(names = "--cluster", paramLabel = "NAME", description = "A workload cluster (in project -n).")
  private String cluster;

  @Override
  public Integer call() {
    ApiClient api = client.client();
    String kubeconfig =
        cluster == null ? api.managementKubeconfig() : api.clusterKubeconfig(new ClusterRef(project.orDefault(), cluster));
    PrintWriter out = spec.commandLine().getOut();
    out.print(kubeconfig.endsWith("\n") ? kubeconfig : kubeconfig + "\n");
    out.flush();
    return 0;
  }
}
