package dev.fulcrum.agent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.sandbox.SandboxServer;
import dev.fulcrum.sandbox.capi.CapiCrds;
import dev.fulcrum.sandbox.capi.CapiSimulator;
import dev.fulcrum.sandbox.capi.Delays;
import dev.fulcrum.sandbox.capi.FailureInjection;
import dev.fulcrum.sandbox.capi.InfraKinds;
import dev.fulcrum.sandbox.capi.SimulatorOptions;
import dev.fulcrum.sandbox.capi.WorkloadApis;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workload cluster as it looks after the pivot: its own API in a sandbox (named like its CAPI namespace, which is
 * where the simulator serves a cluster's API), the CAPI CRDs, the namespace {@code fulcrum-system}, and, when asked,
 * the simulated CAPI controllers running against that API and the objects the pivot moved in.
 */
final class WorkloadCluster implements AutoCloseable {

  static final InfraKinds DEV = new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta2", "DevCluster",
      "DevMachine", "DevMachineTemplate", InfraKinds.Contract.V1BETA2);

  private final TestSpecs specs;
  private final KubernetesClient client;
  private CapiSimulator simulator;

  private WorkloadCluster(TestSpecs specs, KubernetesClient client) {
    this.specs = specs;
    this.client = client;
  }

  /** A cluster with the CRDs and namespaces only: no controllers, no CAPI objects. */
  static WorkloadCluster empty(SandboxServer sandbox, String clusterName) {
    TestSpecs specs = TestSpecs.dockerExample(clusterName);
    sandbox.createCluster(specs.namespace());
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(sandbox.clusterUrl(specs.namespace()))
        .withOauthToken("sandbox").withNamespace("default").withRequestRetryBackoffLimit(0).build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    CapiCrds.install(client, List.of(DEV), Optional.of(sharedCrds()));
    for (String namespace : List.of(AgentConfigMaps.NAMESPACE, specs.namespace())) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
          .build()).create();
    }
    return new WorkloadCluster(specs, client);
  }

  /** A running cluster: simulated controllers and the pivoted objects (one control-plane machine, no workers). */
  static WorkloadCluster pivoted(SandboxServer sandbox, String clusterName, FailureInjection failures) {
    WorkloadCluster cluster = empty(sandbox, clusterName);
    // kubeadm init ran before the pivot: the simulator, finding this cluster's API already up, only joins machines.
    cluster.client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("kubeadm-config")
        .withNamespace("kube-system").endMetadata().withData(Map.of("ClusterConfiguration",
            "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nclusterName: " + clusterName + "\n"))
        .build()).create();
    cluster.simulator = CapiSimulator.start(cluster.client, SimulatorOptions.of(WorkloadApis.of(sandbox), DEV)
        .withDelays(Delays.none()).withFailures(failures).withResync(Duration.ofSeconds(2)));
    cluster.specs.initialObjects().forEach(cluster::create);
    return cluster;
  }

  void create(ObjectNode object) {
    client.resource(KubeTrees.resource(object)).create();
  }

  KubernetesClient client() {
    return client;
  }

  TestSpecs specs() {
    return specs.copy();
  }

  String namespace() {
    return specs.namespace();
  }

  List<ObjectNode> list(String apiVersion, String kind) {
    return list(apiVersion, kind, Map.of());
  }

  List<ObjectNode> list(String apiVersion, String kind, Map<String, String> labels) {
    return client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace()).withLabels(labels).list()
        .getItems().stream().map(KubeTrees::tree).toList();
  }

  List<String> names(String apiVersion, String kind) {
    return list(apiVersion, kind).stream().map(o -> o.at("/metadata/name").asString()).sorted().toList();
  }

  Optional<ObjectNode> get(String apiVersion, String kind, String name) {
    return Optional.ofNullable(KubeTrees.tree(client.genericKubernetesResources(apiVersion, kind)
        .inNamespace(namespace()).withName(name).get()));
  }

  /** The upstream CRD directory; aborts the calling test, loudly, when absent. */
  static Path sharedCrds() {
    String shared = System.getProperty("fulcrum.shared.dir");
    Path crds = shared == null ? null : Path.of(shared).resolve("crds");
    if (crds == null || !Files.isDirectory(crds.resolve("cluster-api"))) {
      System.err.println("SKIPPED: the upstream CAPI CRDs are not available (fulcrum.shared.dir=" + shared + ")");
      assumeTrue(false, "CAPI CRDs not found under fulcrum.shared.dir=" + shared);
    }
    return crds;
  }

  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
    }
    client.close();
  }
}
