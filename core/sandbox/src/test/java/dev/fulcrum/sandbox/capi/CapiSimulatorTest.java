package dev.fulcrum.sandbox.capi;

import static dev.fulcrum.sandbox.capi.SimulatorFixture.BOOTSTRAP_API;
import static dev.fulcrum.sandbox.capi.SimulatorFixture.CLUSTER_API;
import static dev.fulcrum.sandbox.capi.SimulatorFixture.CONTROL_PLANE_API;
import static dev.fulcrum.sandbox.capi.SimulatorFixture.INFRA_API;
import static dev.fulcrum.sandbox.capi.SimulatorFixture.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The simulator through the Kubernetes API, as its users see it: a real sandbox, the upstream CRDs, the objects
 * {@code fulcrum render} produces for the docker example, and fabric8 clients reading what the simulated
 * controllers did. No delays; failures are injected by a label on the machines.
 */
class CapiSimulatorTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String FAILURE_LABEL = "test.fulcrum.dev/failure";
  private static final String SSH_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHMl54/bqRvytYn/ABV0rGlJG66kbMS6WWDMV6XjLj3J ops@example.com";

  private static SandboxServer server;
  private static KubernetesClient client;
  private static CapiSimulator simulator;

  @BeforeAll
  static void startSimulator() {
    server = SandboxServer.start(SandboxOptions.defaults());
    client = SimulatorFixture.client(server, SandboxServer.MANAGEMENT);
    CapiCrds.install(client, List.of(SimulatorFixture.DEV), Optional.of(SimulatorFixture.sharedCrds()));
    FailureInjection failures = FailureInjection.byLabel(FAILURE_LABEL, "never-node", MachineFailure.NEVER_GETS_NODE)
        .and(FailureInjection.byLabel(FAILURE_LABEL, "node-unhealthy", MachineFailure.NODE_UNHEALTHY));
    simulator = CapiSimulator.start(client, SimulatorOptions.of(WorkloadApis.of(server), SimulatorFixture.DEV)
        .withDelays(Delays.none()).withFailures(failures));
  }

  @AfterAll
  static void stopSimulator() {
    if (simulator != null) {
      simulator.close();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void controlPlaneOfTheDockerExampleComesUp() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "cp-up");

    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode devCluster = object(INFRA_API, "DevCluster", ns, "cp-up");
      assertThat(devCluster.at("/status/initialization/provisioned").asBoolean()).isTrue();
      assertThat(devCluster.at("/spec/controlPlaneEndpoint/host").asString()).isNotEmpty();
      assertThat(devCluster.at("/spec/controlPlaneEndpoint/port").asInt()).isPositive();
    });
    JsonNode machine = awaitRunningMachines(ns, Map.of("cluster.x-k8s.io/control-plane-name",
        "cp-up-control-plane"), 1).get(0);
    String machineName = machine.at("/metadata/name").asString();
    assertThat(machine.at("/spec/providerID").asString()).startsWith("fulcrum-sandbox://");
    assertThat(machine.at("/status/nodeRef/name").asString()).isEqualTo(machineName);
    assertThat(machine.at("/status/nodeInfo/kubeletVersion").asString()).isEqualTo("v1.33.4");
    assertThat(machine.at("/spec/bootstrap/dataSecretName").asString()).isEqualTo(machineName);
    for (String type : List.of("BootstrapConfigReady", "InfrastructureReady", "NodeReady", "NodeHealthy", "Ready",
        "Available", "UpToDate")) {
      assertThat(condition(machine, type)).as("Machine condition %s", type).isEqualTo("True");
    }

    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode kcp = object(CONTROL_PLANE_API, "KubeadmControlPlane", ns, "cp-up-control-plane");
      assertThat(kcp.at("/status/initialization/controlPlaneInitialized").asBoolean()).isTrue();
      assertThat(kcp.at("/status/replicas").asInt()).isEqualTo(1);
      assertThat(kcp.at("/status/readyReplicas").asInt()).isEqualTo(1);
      assertThat(kcp.at("/status/version").asString()).isEqualTo("v1.33.4");
      for (String type : List.of("Available", "Initialized", "CertificatesAvailable", "MachinesReady",
          "ControlPlaneComponentsHealthy", "EtcdClusterHealthy")) {
        assertThat(condition(kcp, type)).as("KubeadmControlPlane condition %s", type).isEqualTo("True");
      }
      JsonNode cluster = object(CLUSTER_API, "Cluster", ns, "cp-up");
      assertThat(cluster.at("/status/phase").asString()).isEqualTo("Provisioned");
      assertThat(cluster.at("/status/initialization/infrastructureProvisioned").asBoolean()).isTrue();
      assertThat(cluster.at("/status/initialization/controlPlaneInitialized").asBoolean()).isTrue();
      assertThat(cluster.at("/spec/controlPlaneEndpoint")).isEqualTo(
          object(INFRA_API, "DevCluster", ns, "cp-up").at("/spec/controlPlaneEndpoint"));
      assertThat(cluster.at("/status/controlPlane/readyReplicas").asInt()).isEqualTo(1);
      for (String type : List.of("InfrastructureReady", "ControlPlaneInitialized", "ControlPlaneAvailable",
          "WorkersAvailable", "ControlPlaneMachinesReady", "RemoteConnectionProbe", "Available")) {
        assertThat(condition(cluster, type)).as("Cluster condition %s", type).isEqualTo("True");
      }
      assertThat(condition(cluster, "Paused")).isEqualTo("False");
    });
  }

  @Test
  void kubeconfigSecretReachesTheClustersOwnApiWhereItsNodeIs() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "kc");
    JsonNode machine = awaitRunningMachines(ns, Map.of("cluster.x-k8s.io/control-plane-name", "kc-control-plane"),
        1).get(0);

    Secret secret = client.secrets().inNamespace(ns).withName("kc-kubeconfig").get();
    assertThat(secret.getType()).isEqualTo("cluster.x-k8s.io/secret");
    assertThat(secret.getMetadata().getLabels()).containsEntry("cluster.x-k8s.io/cluster-name", "kc");
    assertControlledBy(secret, "KubeadmControlPlane", "kc-control-plane");
    String kubeconfig = decode(secret, "value");
    assertThat(kubeconfig).contains(server.clusterUrl(ns)).contains("kc-admin@kc");
    assertThat(server.clusters()).contains(ns);

    try (KubernetesClient workload = SimulatorFixture.clientFromKubeconfig(kubeconfig)) {
      List<Node> nodes = workload.nodes().list().getItems();
      assertThat(nodes).extracting(n -> n.getMetadata().getName())
          .containsExactly(machine.at("/metadata/name").asString());
      Node node = nodes.get(0);
      assertThat(node.getSpec().getProviderID()).isEqualTo(machine.at("/spec/providerID").asString());
      assertThat(node.getMetadata().getLabels()).containsKey("node-role.kubernetes.io/control-plane");
      assertThat(node.getSpec().getTaints()).anySatisfy(taint -> {
        assertThat(taint.getKey()).isEqualTo("node-role.kubernetes.io/control-plane");
        assertThat(taint.getEffect()).isEqualTo("NoSchedule");
      });
      assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.33.4");
      assertThat(node.getStatus().getConditions()).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo("Ready");
        assertThat(c.getStatus()).isEqualTo("True");
      });
      assertThat(node.getMetadata().getAnnotations()).containsEntry("cluster.x-k8s.io/machine",
          machine.at("/metadata/name").asString());
      List<String> staticPods = workload.pods().inNamespace("kube-system").withLabel("tier", "control-plane").list()
          .getItems().stream().map(p -> p.getMetadata().getName()).sorted().toList();
      String nodeName = node.getMetadata().getName();
      assertThat(staticPods).containsExactly("etcd-" + nodeName, "kube-apiserver-" + nodeName,
          "kube-controller-manager-" + nodeName, "kube-scheduler-" + nodeName);
      Pod apiServer = workload.pods().inNamespace("kube-system").withName("kube-apiserver-" + nodeName).get();
      assertThat(apiServer.getStatus().getPhase()).isEqualTo("Running");
      assertThat(workload.configMaps().inNamespace("kube-system").withName("kubeadm-config").get().getData()
          .get("ClusterConfiguration")).contains("kubernetesVersion: v1.33.4").contains("podSubnet: 192.168.0.0/16");
    }
  }

  @Test
  void bootstrapAndCertificateSecretsAreWhatKubeadmNeeds() throws Exception {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "boot");
    JsonNode machine = awaitRunningMachines(ns, Map.of("cluster.x-k8s.io/control-plane-name",
        "boot-control-plane"), 1).get(0);
    String configName = machine.at("/spec/bootstrap/configRef/name").asString();

    JsonNode config = object(BOOTSTRAP_API, "KubeadmConfig", ns, configName);
    assertThat(config.at("/status/dataSecretName").asString()).isEqualTo(configName);
    assertThat(config.at("/status/initialization/dataSecretCreated").asBoolean()).isTrue();
    assertThat(condition(config, "Ready")).isEqualTo("True");
    Secret bootstrap = client.secrets().inNamespace(ns).withName(configName).get();
    assertThat(bootstrap.getType()).isEqualTo("cluster.x-k8s.io/secret");
    assertThat(decode(bootstrap, "format")).isEqualTo("cloud-config");
    assertControlledBy(bootstrap, "KubeadmConfig", configName);
    String userData = decode(bootstrap, "value");
    assertThat(userData).startsWith("## template: jinja\n#cloud-config\n");
    JsonNode cloudConfig = YAMLMapper.builder().build().readTree(userData);
    assertThat(cloudConfig.at("/users/0/name").asString()).isEqualTo("fulcrum");
    assertThat(cloudConfig.at("/users/0/sudo").asString()).isEqualTo("ALL=(ALL) NOPASSWD:ALL");
    assertThat(cloudConfig.at("/users/0/ssh_authorized_keys/0").asString()).isEqualTo(SSH_KEY);
    assertThat(cloudConfig.path("runcmd").toString()).contains("kubeadm init");
    assertThat(cloudConfig.path("write_files").findValuesAsString("path"))
        .contains("/run/kubeadm/kubeadm.yaml", "/etc/kubernetes/pki/ca.crt", "/etc/kubernetes/pki/ca.key");

    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    for (String purpose : List.of("ca", "etcd", "proxy")) {
      Secret secret = client.secrets().inNamespace(ns).withName("boot-" + purpose).get();
      assertThat(secret.getType()).isEqualTo("cluster.x-k8s.io/secret");
      assertControlledBy(secret, "KubeadmControlPlane", "boot-control-plane");
      X509Certificate certificate = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(
          decode(secret, "tls.crt").getBytes(StandardCharsets.US_ASCII)));
      certificate.verify(certificate.getPublicKey());
      assertThat(certificate.getBasicConstraints()).as("%s is a CA", purpose).isGreaterThanOrEqualTo(0);
      assertThat(decode(secret, "tls.key")).startsWith("-----BEGIN PRIVATE KEY-----");
    }
    Secret serviceAccount = client.secrets().inNamespace(ns).withName("boot-sa").get();
    assertThat(decode(serviceAccount, "tls.crt")).startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void ownerReferencesFormTheGraphClusterctlMoveFollows() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "owners");
    SimulatorFixture.apply(client, "dev-1-health-checks.yaml", "owners");
    JsonNode machine = awaitRunningMachines(ns, Map.of("cluster.x-k8s.io/control-plane-name",
        "owners-control-plane"), 1).get(0);
    String name = machine.at("/metadata/name").asString();
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode check = object(CLUSTER_API, "MachineHealthCheck", ns, "owners-control-plane");
      assertThat(owners(check)).containsExactly("Cluster/owners");
      assertThat(controller(check)).isNull();
      assertThat(check.at("/status/expectedMachines").asInt()).isEqualTo(1);
      assertThat(check.at("/status/currentHealthy").asInt()).isEqualTo(1);
      assertThat(condition(object(CLUSTER_API, "Machine", ns, name), "HealthCheckSucceeded")).isEqualTo("True");
    });

    assertThat(controller(object(INFRA_API, "DevCluster", ns, "owners"))).isEqualTo("Cluster/owners");
    assertThat(controller(object(CONTROL_PLANE_API, "KubeadmControlPlane", ns, "owners-control-plane")))
        .isEqualTo("Cluster/owners");
    assertThat(owners(object(INFRA_API, "DevMachineTemplate", ns, "owners-control-plane-2fb4a9bf25")))
        .containsExactly("Cluster/owners");
    assertThat(controller(machine)).isEqualTo("KubeadmControlPlane/owners-control-plane");
    JsonNode devMachine = object(INFRA_API, "DevMachine", ns, name);
    assertThat(controller(devMachine)).isEqualTo("Machine/" + name);
    assertThat(devMachine.at("/metadata/annotations")).isEqualTo(YAMLMapper.builder().build().readTree("""
        cluster.x-k8s.io/cloned-from-name: owners-control-plane-2fb4a9bf25
        cluster.x-k8s.io/cloned-from-groupkind: DevMachineTemplate.infrastructure.cluster.x-k8s.io
        """));
    assertThat(devMachine.at("/spec/backend/docker").isObject()).isTrue();
    assertThat(controller(object(BOOTSTRAP_API, "KubeadmConfig", ns, name))).isEqualTo("Machine/" + name);
  }

  @Test
  void controlPlaneScalesFromOneToThreeOneMachineAtATime() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "scale");
    Map<String, String> selector = Map.of("cluster.x-k8s.io/control-plane-name", "scale-control-plane");
    awaitRunningMachines(ns, selector, 1);

    // Events arrive in resourceVersion order: when a machine's ADDED event comes, every machine seen before it
    // must already have been seen Running with a node.
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    List<String> created = Collections.synchronizedList(new ArrayList<>());
    java.util.Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (Watch watch = SimulatorFixture.resources(client, CLUSTER_API, "Machine").inNamespace(ns)
        .withLabels(selector).watch(new Watcher<GenericKubernetesResource>() {
          @Override
          public void eventReceived(Action action, GenericKubernetesResource resource) {
            String name = resource.getMetadata().getName();
            JsonNode machine = SimulatorFixture.tree(client, resource);
            if (action == Action.ADDED && !created.contains(name)) {
              for (String earlier : created) {
                if (!running.contains(earlier)) {
                  violations.add(name + " created before " + earlier + " was Running with a node");
                }
              }
              created.add(name);
            }
            if ("Running".equals(machine.at("/status/phase").asString())
                && !machine.at("/status/nodeRef/name").asString("").isEmpty()) {
              running.add(name);
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
      scale(CONTROL_PLANE_API, "KubeadmControlPlane", ns, "scale-control-plane", 3);
      awaitRunningMachines(ns, selector, 3);
    }
    assertThat(created).hasSize(3);
    assertThat(violations).isEmpty();
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode kcp = object(CONTROL_PLANE_API, "KubeadmControlPlane", ns, "scale-control-plane");
      assertThat(kcp.at("/status/replicas").asInt()).isEqualTo(3);
      assertThat(kcp.at("/status/readyReplicas").asInt()).isEqualTo(3);
      assertThat(condition(kcp, "ScalingUp")).isEqualTo("False");
    });
    try (KubernetesClient workload = workloadClient(ns, "scale")) {
      assertThat(workload.nodes().withLabel("node-role.kubernetes.io/control-plane").list().getItems()).hasSize(3);
    }

    scale(CONTROL_PLANE_API, "KubeadmControlPlane", ns, "scale-control-plane", 1);
    awaitRunningMachines(ns, selector, 1);
    await().atMost(WAIT).untilAsserted(() -> {
      try (KubernetesClient workload = workloadClient(ns, "scale")) {
        assertThat(workload.nodes().list().getItems()).hasSize(1);
      }
    });
  }

  @Test
  void machineDeploymentRollsOutAMachineSetWithItsMachines() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "md");
    SimulatorFixture.apply(client, "dev-1-workers.yaml", "md");
    Map<String, String> pool = Map.of("fulcrum.dev/pool", "general");
    List<JsonNode> workers = awaitRunningMachines(ns, pool, 2);

    List<GenericKubernetesResource> sets = SimulatorFixture.list(client, CLUSTER_API, "MachineSet", ns, Map.of(
        "cluster.x-k8s.io/deployment-name", "md-general"));
    assertThat(sets).hasSize(1);
    JsonNode set = SimulatorFixture.tree(client, sets.get(0));
    String setName = set.at("/metadata/name").asString();
    assertThat(controller(set)).isEqualTo("MachineDeployment/md-general");
    assertThat(set.at("/spec/replicas").asInt()).isEqualTo(2);
    for (JsonNode worker : workers) {
      String name = worker.at("/metadata/name").asString();
      assertThat(controller(worker)).isEqualTo("MachineSet/" + setName);
      assertThat(worker.at("/metadata/labels/cluster.x-k8s.io~1set-name").asString()).isEqualTo(setName);
      assertThat(worker.at("/metadata/labels/cluster.x-k8s.io~1control-plane").isMissingNode()).isTrue();
      JsonNode config = object(BOOTSTRAP_API, "KubeadmConfig", ns, name);
      assertThat(config.at("/metadata/annotations/cluster.x-k8s.io~1cloned-from-name").asString())
          .isEqualTo("md-general-a193a4dd6f");
      assertThat(object(INFRA_API, "DevMachine", ns, name).at("/metadata/annotations/"
          + "cluster.x-k8s.io~1cloned-from-name").asString()).isEqualTo("md-general-2fb4a9bf25");
      String userData = decode(client.secrets().inNamespace(ns).withName(name).get(), "value");
      assertThat(userData).contains("kubeadm join").contains(SSH_KEY).doesNotContain("ca.key");
    }
    assertThat(owners(object(BOOTSTRAP_API, "KubeadmConfigTemplate", ns, "md-general-a193a4dd6f")))
        .containsExactly("Cluster/md");
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode md = object(CLUSTER_API, "MachineDeployment", ns, "md-general");
      assertThat(owners(md)).containsExactly("Cluster/md");
      assertThat(md.at("/status/replicas").asInt()).isEqualTo(2);
      assertThat(md.at("/status/availableReplicas").asInt()).isEqualTo(2);
      assertThat(md.at("/status/phase").asString()).isEqualTo("Running");
      assertThat(condition(md, "Available")).isEqualTo("True");
      JsonNode cluster = object(CLUSTER_API, "Cluster", ns, "md");
      assertThat(cluster.at("/status/workers/readyReplicas").asInt()).isEqualTo(2);
      assertThat(condition(cluster, "WorkersAvailable")).isEqualTo("True");
    });
    try (KubernetesClient workload = workloadClient(ns, "md")) {
      assertThat(workload.nodes().list().getItems()).hasSize(3);
    }

    scale(CLUSTER_API, "MachineDeployment", ns, "md-general", 1);
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(machines(ns, pool)).hasSize(1);
      try (KubernetesClient workload = workloadClient(ns, "md")) {
        assertThat(workload.nodes().list().getItems()).hasSize(2);
      }
    });
  }

  @Test
  void newMachineTemplateRollsTheDeploymentOverWithoutLosingCapacity() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "rotate");
    SimulatorFixture.apply(client, "dev-1-workers.yaml", "rotate");
    Map<String, String> pool = Map.of("fulcrum.dev/pool", "general");
    awaitRunningMachines(ns, pool, 2);
    await().atMost(WAIT).until(() -> object(CLUSTER_API, "MachineDeployment", ns, "rotate-general")
        .at("/status/availableReplicas").asInt() == 2);
    // Templates are immutable: a change is a new template the deployment is pointed at.
    SimulatorFixture.apply(client, "dev-1-workers.yaml", "rotate", document -> {
      if ("DevMachineTemplate".equals(document.path("kind").asString())) {
        ((tools.jackson.databind.node.ObjectNode) document.at("/metadata")).put("name", "rotate-general-v2");
        ((tools.jackson.databind.node.ObjectNode) document.at("/spec/template/spec/backend/docker"))
            .put("customImage", "kindest/node:v1.33.4");
      }
    }, "DevMachineTemplate");
    List<Integer> available = Collections.synchronizedList(new ArrayList<>());
    try (Watch watch = SimulatorFixture.resources(client, CLUSTER_API, "MachineDeployment").inNamespace(ns)
        .withName("rotate-general").watch(new Watcher<GenericKubernetesResource>() {
          @Override
          public void eventReceived(Action action, GenericKubernetesResource md) {
            available.add(SimulatorFixture.tree(client, md).at("/status/availableReplicas").asInt());
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
      SimulatorFixture.mergePatch(client, CLUSTER_API, "MachineDeployment", ns, "rotate-general",
          "{\"spec\":{\"template\":{\"spec\":{\"infrastructureRef\":{\"name\":\"rotate-general-v2\"}}}}}");
      await().atMost(WAIT).untilAsserted(() -> {
        List<JsonNode> machines = awaitRunningMachines(ns, pool, 2);
        assertThat(machines).allSatisfy(m -> assertThat(object(INFRA_API, "DevMachine", ns,
            m.at("/metadata/name").asString()).at("/metadata/annotations/cluster.x-k8s.io~1cloned-from-name")
            .asString()).isEqualTo("rotate-general-v2"));
        assertThat(SimulatorFixture.list(client, CLUSTER_API, "MachineSet", ns,
            Map.of("cluster.x-k8s.io/deployment-name", "rotate-general"))).hasSize(1);
        JsonNode md = object(CLUSTER_API, "MachineDeployment", ns, "rotate-general");
        assertThat(md.at("/status/upToDateReplicas").asInt()).isEqualTo(2);
        assertThat(condition(md, "RollingOut")).isEqualTo("False");
      });
    }
    // maxUnavailable 0: the deployment never had fewer than 2 available machines during the rollout.
    assertThat(available).isNotEmpty().allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(2));
  }

  @Test
  void injectedMachineThatNeverGetsANodeStaysProvisioned() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "nonode");
    SimulatorFixture.apply(client, "dev-1-workers.yaml", "nonode", failing("never-node"));
    SimulatorFixture.apply(client, "dev-1-health-checks.yaml", "nonode", impatient());

    await().atMost(WAIT).untilAsserted(() -> {
      List<JsonNode> workers = machines(ns, Map.of(FAILURE_LABEL, "never-node"));
      assertThat(workers).hasSize(1);
      JsonNode worker = workers.get(0);
      assertThat(worker.at("/status/phase").asString()).isEqualTo("Provisioned");
      assertThat(worker.at("/spec/providerID").asString()).isNotEmpty();
      assertThat(condition(worker, "NodeHealthy")).isEqualTo("False");
    });
    awaitRunningMachines(ns, Map.of("cluster.x-k8s.io/control-plane-name", "nonode-control-plane"), 1);
    // After the healthy control plane got its node, the injected machine still has none.
    try (KubernetesClient workload = workloadClient(ns, "nonode")) {
      assertThat(workload.nodes().list().getItems()).hasSize(1);
    }
    JsonNode worker = machines(ns, Map.of(FAILURE_LABEL, "never-node")).get(0);
    assertThat(worker.at("/status/nodeRef").isMissingNode()).isTrue();
    assertThat(condition(object(CLUSTER_API, "MachineDeployment", ns, "nonode-general"), "Available"))
        .isEqualTo("False");
    // The pool's health check finds the machine whose node never joined.
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode failed = machines(ns, Map.of(FAILURE_LABEL, "never-node")).get(0);
      assertThat(condition(failed, "HealthCheckSucceeded")).isEqualTo("False");
      assertThat(condition(failed, "Ready")).isEqualTo("False");
      JsonNode check = object(CLUSTER_API, "MachineHealthCheck", ns, "nonode-general");
      assertThat(check.at("/status/expectedMachines").asInt()).isEqualTo(1);
      assertThat(check.at("/status/currentHealthy").asInt()).isZero();
      assertThat(condition(check, "RemediationAllowed")).isEqualTo("False");
    });
  }

  @Test
  void injectedNodeThatGoesUnhealthyTurnsNotReady() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "sick");
    SimulatorFixture.apply(client, "dev-1-workers.yaml", "sick", failing("node-unhealthy"));
    SimulatorFixture.apply(client, "dev-1-health-checks.yaml", "sick", impatient());

    await().atMost(WAIT).untilAsserted(() -> {
      List<JsonNode> workers = machines(ns, Map.of(FAILURE_LABEL, "node-unhealthy"));
      assertThat(workers).hasSize(1);
      JsonNode worker = workers.get(0);
      assertThat(worker.at("/status/phase").asString()).isEqualTo("Running");
      assertThat(condition(worker, "NodeReady")).isEqualTo("False");
      assertThat(condition(worker, "NodeHealthy")).isEqualTo("False");
      assertThat(condition(worker, "Ready")).isEqualTo("False");
      try (KubernetesClient workload = workloadClient(ns, "sick")) {
        Node node = workload.nodes().withName(worker.at("/status/nodeRef/name").asString()).get();
        assertThat(node.getStatus().getConditions()).anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("Ready");
          assertThat(c.getStatus()).isEqualTo("False");
        });
      }
      assertThat(condition(worker, "HealthCheckSucceeded")).isEqualTo("False");
      JsonNode check = object(CLUSTER_API, "MachineHealthCheck", ns, "sick-general");
      assertThat(check.at("/status/currentHealthy").asInt()).isZero();
      JsonNode controlPlaneCheck = object(CLUSTER_API, "MachineHealthCheck", ns, "sick-control-plane");
      assertThat(controlPlaneCheck.at("/status/currentHealthy").asInt()).isEqualTo(1);
    });
  }

  @Test
  void pausedClusterIsLeftAloneUntilResumed() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "paused");
    Map<String, String> selector = Map.of("cluster.x-k8s.io/control-plane-name", "paused-control-plane");
    awaitRunningMachines(ns, selector, 1);

    SimulatorFixture.mergePatch(client, CLUSTER_API, "Cluster", ns, "paused", "{\"spec\":{\"paused\":true}}");
    await().atMost(WAIT).untilAsserted(() -> assertThat(condition(object(CLUSTER_API, "Cluster", ns, "paused"),
        "Paused")).isEqualTo("True"));
    scale(CONTROL_PLANE_API, "KubeadmControlPlane", ns, "paused-control-plane", 3);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> machines(ns, selector).size() == 1);
    assertThat(condition(object(CONTROL_PLANE_API, "KubeadmControlPlane", ns, "paused-control-plane"), "Paused"))
        .isEqualTo("True");

    // As clusterctl move resumes a cluster: the field is removed, not set to false.
    SimulatorFixture.mergePatch(client, CLUSTER_API, "Cluster", ns, "paused", "{\"spec\":{\"paused\":null}}");
    awaitRunningMachines(ns, selector, 3);
    assertThat(condition(object(CLUSTER_API, "Cluster", ns, "paused"), "Paused")).isEqualTo("False");
  }

  @Test
  void deletedClusterTakesItsApiAndMachinesWithIt() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "gone");
    awaitRunningMachines(ns, Map.of("cluster.x-k8s.io/control-plane-name", "gone-control-plane"), 1);
    assertThat(server.clusters()).contains(ns);

    SimulatorFixture.resources(client, CLUSTER_API, "Cluster").inNamespace(ns).withName("gone").delete();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(server.clusters()).doesNotContain(ns);
      assertThat(SimulatorFixture.get(client, CLUSTER_API, "Cluster", ns, "gone")).isNull();
      assertThat(machines(ns, Map.of())).isEmpty();
      assertThat(SimulatorFixture.list(client, INFRA_API, "DevMachine", ns, Map.of())).isEmpty();
    });
  }

  /** Waits until exactly {@code count} machines match and all are Running with a node; returns them. */
  static List<JsonNode> awaitRunningMachines(String ns, Map<String, String> labels, int count) {
    return SimulatorFixture.awaitRunningMachines(client, ns, labels, count);
  }

  static List<JsonNode> machines(String ns, Map<String, String> labels) {
    return SimulatorFixture.machines(client, ns, labels);
  }

  private static JsonNode object(String apiVersion, String kind, String ns, String name) {
    GenericKubernetesResource resource = SimulatorFixture.get(client, apiVersion, kind, ns, name);
    assertThat(resource).as("%s %s/%s", kind, ns, name).isNotNull();
    return SimulatorFixture.tree(client, resource);
  }

  private static void scale(String apiVersion, String kind, String ns, String name, int replicas) {
    SimulatorFixture.mergePatch(client, apiVersion, kind, ns, name, "{\"spec\":{\"replicas\":" + replicas + "}}");
  }

  /** A fixture change: health checks that judge within seconds instead of minutes. */
  private static java.util.function.Consumer<tools.jackson.databind.node.ObjectNode> impatient() {
    return document -> {
      tools.jackson.databind.node.ObjectNode checks =
          (tools.jackson.databind.node.ObjectNode) document.at("/spec/checks");
      checks.put("nodeStartupTimeoutSeconds", 2);
      checks.path("unhealthyNodeConditions").forEach(rule ->
          ((tools.jackson.databind.node.ObjectNode) rule).put("timeoutSeconds", 1));
    };
  }

  /** A fixture change: the worker pool runs one machine, labelled to suffer {@code failure}. */
  private static java.util.function.Consumer<tools.jackson.databind.node.ObjectNode> failing(String failure) {
    return document -> {
      if ("MachineDeployment".equals(document.path("kind").asString())) {
        ((tools.jackson.databind.node.ObjectNode) document.at("/spec")).put("replicas", 1);
        ((tools.jackson.databind.node.ObjectNode) document.at("/spec/template/metadata/labels"))
            .put(FAILURE_LABEL, failure);
      }
    };
  }

  private static KubernetesClient workloadClient(String ns, String cluster) {
    return SimulatorFixture.clientFromKubeconfig(decode(client.secrets().inNamespace(ns)
        .withName(cluster + "-kubeconfig").get(), "value"));
  }

  private static String decode(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static void assertControlledBy(Secret secret, String kind, String name) {
    assertThat(secret.getMetadata().getOwnerReferences()).anySatisfy(ref -> {
      assertThat(ref.getKind()).isEqualTo(kind);
      assertThat(ref.getName()).isEqualTo(name);
      assertThat(ref.getController()).isTrue();
    });
  }

  private static String controller(JsonNode object) {
    for (JsonNode ref : object.at("/metadata/ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return ref.path("kind").asString() + "/" + ref.path("name").asString();
      }
    }
    return null;
  }

  private static List<String> owners(JsonNode object) {
    List<String> owners = new ArrayList<>();
    object.at("/metadata/ownerReferences").forEach(ref ->
        owners.add(ref.path("kind").asString() + "/" + ref.path("name").asString()));
    return owners.stream().sorted().collect(Collectors.toList());
  }
}
