package dev.fulcrum.cli;

import dev.fulcrum.agent.Agent;
import dev.fulcrum.agent.AgentConfig;
import dev.fulcrum.core.components.AgentManifests;
import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.sandbox.kubelet.ContainerContext;
import dev.fulcrum.sandbox.kubelet.InProcessImage;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The agent image as the sandbox runs it: in-process, with the environment its Deployment gives it and the API of
 * the cluster it runs in, exactly as {@code fulcrum agent} runs in a real cluster's pod. Public for tests that
 * assemble a sandbox world of their own.
 */
public final class AgentImage implements InProcessImage {
  @Override
  public boolean runs(String image) {
    return image != null && InProcessImage.repository(image).equals(AgentManifests.IMAGE_REPOSITORY);
  }

  @Override
  public AutoCloseable start(ContainerContext container) {
    AgentConfig config = AgentConfig.fromEnvironment(container.env());
    KubernetesClient ownCluster = KubeClients.forUrl(container.apiUrl());
    try {
      Agent agent = Agent.start(config, ownCluster);
      return () -> {
        agent.close();
        ownCluster.close();
      };
    } catch (RuntimeException e) {
      ownCluster.close();
      throw e;
    }
  }
}
