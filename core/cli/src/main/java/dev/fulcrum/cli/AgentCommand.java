package dev.fulcrum.cli;

import dev.fulcrum.agent.Agent;
import dev.fulcrum.agent.AgentConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code fulcrum agent}: the in-cluster agent, as its Deployment runs it. */
@Command(
    name = "agent",
    description = {
      "Run the Fulcrum agent inside a workload cluster (its Deployment fulcrum-system/fulcrum-agent does this): pull "
          + "the cluster's desired spec from the management plane, keep it cached in the cluster, and reconcile the "
          + "cluster's Cluster API objects, also while the management plane is unreachable.",
      "",
      "Configuration from the environment: FULCRUM_SERVER_URL, FULCRUM_AGENT_TOKEN, FULCRUM_CLUSTER; the cluster's "
          + "API from the pod's service account (or the current kubeconfig context)."
    },
    mixinStandardHelpOptions = true)
final class AgentCommand implements Callable<Integer> {
  @Override
  public Integer call() throws InterruptedException {
    AgentConfig config = AgentConfig.fromEnvironment(System.getenv());
    CountDownLatch stopped = new CountDownLatch(1);
    try (KubernetesClient ownCluster = new KubernetesClientBuilder().build();
        Agent agent = Agent.start(config, ownCluster)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "fulcrum-agent-shutdown"));
      stopped.await();
    }
    return 0;
  }
}
