package dev.fulcrum.core.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates the fabric8 clients the engine uses, configured alike. */
public final class KubeClients {
  private KubeClients() {}

  /**
   * A client for the current context of a kubeconfig file.
   *
   * @throws IllegalArgumentException if the file does not exist
   */
  public static KubernetesClient fromKubeconfig(Path kubeconfig) {
    if (!Files.isRegularFile(kubeconfig)) {
      throw new IllegalArgumentException("no kubeconfig file at " + kubeconfig);
    }
    return build(Config.fromKubeconfig(kubeconfig.toFile()));
  }

  /** A client for the current context of a kubeconfig held in memory (a workload cluster's, say). */
  public static KubernetesClient fromKubeconfigContent(String kubeconfig) {
    return build(Config.fromKubeconfig(kubeconfig));
  }

  /** A client for an API server that needs no credentials, such as the embedded sandbox. */
  public static KubernetesClient forUrl(String url) {
    return build(new ConfigBuilder(Config.empty()).withMasterUrl(url).build());
  }

  private static KubernetesClient build(Config config) {
    // Watches as plain HTTP streams: every API server serves them, not every one serves WebSockets.
    config.setOnlyHttpWatches(true);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
