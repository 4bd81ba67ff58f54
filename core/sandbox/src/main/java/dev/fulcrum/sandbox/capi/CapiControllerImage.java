package dev.fulcrum.sandbox.capi;

import dev.fulcrum.sandbox.kubelet.ContainerContext;
import dev.fulcrum.sandbox.kubelet.InProcessImage;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.Objects;

/**
 * Cluster API's core controller image ({@value #REPOSITORY}, any tag) as an in-process program: it starts a
 * {@link CapiSimulator} against the API of the cluster its Deployment runs in, which then plays every Cluster API
 * controller there (core, KubeadmControlPlane, kubeadm bootstrap and the infrastructure providers whose CRDs are
 * installed in that cluster). Starting fails, to be retried, until the CRDs it needs are installed.
 */
public final class CapiControllerImage implements InProcessImage {

  /** The image repository of Cluster API's core controller. */
  public static final String REPOSITORY = "registry.k8s.io/cluster-api/cluster-api-controller";

  private final SimulatorOptions options;

  /**
   * @param options how the simulators behave; of its infrastructure providers, each simulator plays those whose
   *     CRDs are installed in its cluster
   */
  public CapiControllerImage(SimulatorOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public boolean runs(String image) {
    return image != null && InProcessImage.repository(image).equals(REPOSITORY);
  }

  @Override
  public AutoCloseable start(ContainerContext container) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(container.apiUrl())
        .withOauthToken("cluster-api-controller").withRequestRetryBackoffLimit(0).build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    try {
      List<InfraKinds> installed = options.infraKinds().stream()
          .filter(kinds -> CapiSimulator.missingCrds(client, List.of(kinds.clusterResource(),
              kinds.machineResource(), kinds.machineTemplateResource())).isEmpty())
          .toList();
      if (installed.isEmpty()) {
        throw new IllegalStateException("no infrastructure provider's CRDs are installed in " + container.apiName()
            + " (simulated: " + options.infraKinds().stream().map(InfraKinds::clusterKind).toList() + ")");
      }
      CapiSimulator simulator = CapiSimulator.start(client, options.withInfraKinds(installed));
      return () -> {
        simulator.close();
        client.close();
      };
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }
}
