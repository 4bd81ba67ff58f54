package dev.fulcrum.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.core.yaml.YamlDocuments;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.Manifest;
import dev.fulcrum.testkit.CrdSchemas;
import dev.fulcrum.spi.NodePool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ClusterRendererTest {
  private final ClusterRenderer renderer = new ClusterRenderer(new RegistryOf(new TestProvider()));

  @Test
  void initialStageIsTheClusterItsInfrastructureAndAOneNodeControlPlane() {
    List<KubeObject> objects = renderer.render(Requests.sample(), Stage.INITIAL);

    assertThat(objects)
        .extracting(KubeObject::kind, KubeObject::name)
        .containsExactly(
            tuple("Cluster", "edge"),
            tuple("TestCluster", "edge"),
            tuple("KubeadmControlPlane", "edge-control-plane"),
            tuple("TestMachineTemplate", templateName(objects, "edge-control-plane")));
    assertThat(spec(objects, "KubeadmControlPlane", "edge-control-plane").get("replicas").intValue()).isEqualTo(1);
  }

  @Test
  void fullStageAddsEveryPoolThenTheHealthChecksWithTheControlPlaneAtItsRequestedSize() {
    List<KubeObject> objects = renderer.render(Requests.sample(), Stage.FULL);

    assertThat(objects)
        .extracting(KubeObject::kind, KubeObject::name)
        .containsExactly(
            tuple("Cluster", "edge"),
            tuple("TestCluster", "edge"),
            tuple("KubeadmControlPlane", "edge-control-plane"),
            tuple("TestMachineTemplate", templateName(objects, "edge-control-plane")),
            tuple("TestMachineTemplate", templateName(objects, "edge-general")),
            tuple("KubeadmConfigTemplate", bootstrapName(objects, "edge-general")),
            tuple("MachineDeployment", "edge-general"),
            tuple("TestMachineTemplate", templateName(objects, "edge-gpu")),
            tuple("KubeadmConfigTemplate", bootstrapName(objects, "edge-gpu")),
            tuple("MachineDeployment", "edge-gpu"),
            tuple("MachineHealthCheck", "edge-control-plane"),
            tuple("MachineHealthCheck", "edge-general"),
            tuple("MachineHealthCheck", "edge-gpu"));
    assertThat(spec(objects, "KubeadmControlPlane", "edge-control-plane").get("replicas").intValue()).isEqualTo(3);
    assertThat(spec(objects, "MachineDeployment", "edge-general").get("replicas").intValue()).isEqualTo(2);
    assertThat(spec(objects, "MachineDeployment", "edge-gpu").get("replicas").intValue()).isZero();
  }

  @Test
  void everyObjectIsInTheClusterNamespaceAndLabelledAsPartOfTheCluster() {
    for (KubeObject object : renderer.render(Requests.sample(), Stage.FULL)) {
      assertThat(object.namespace()).as(object.toString()).isEqualTo("team-a--edge");
      assertThat(object.labels())
          .as(object.toString())
          .containsEntry("cluster.x-k8s.io/cluster-name", "edge")
          .containsEntry("app.kubernetes.io/managed-by", "fulcrum");
    }
  }

  @Test
  void providerObjectsKeepTheProvidersLabelsAndAnnotationsAndBody() {
    KubeObject infra = find(renderer.render(Requests.sample(), Stage.INITIAL), "TestCluster", "edge");

    assertThat(infra.apiVersion()).isEqualTo(TestProvider.API_VERSION);
    assertThat(infra.labels()).containsEntry("example.dev/tier", "gold");
    assertThat(infra.toTree().at("/metadata/annotations/example.dev~1note").stringValue()).isEqualTo("hi");
    assertThat(infra.toTree().at("/spec/region").stringValue()).isEqualTo("north");
  }

  @Test
  void referencesAreGroupKindNameOnlyAndResolveToRenderedObjects() {
    List<KubeObject> objects = renderer.render(Requests.sample(), Stage.FULL);
    List<JsonNode> refs =
        List.of(
            spec(objects, "Cluster", "edge").get("controlPlaneRef"),
            spec(objects, "Cluster", "edge").get("infrastructureRef"),
            spec(objects, "KubeadmControlPlane", "edge-control-plane").at("/machineTemplate/spec/infrastructureRef"),
            spec(objects, "MachineDeployment", "edge-general").at("/template/spec/infrastructureRef"),
            spec(objects, "MachineDeployment", "edge-general").at("/template/spec/bootstrap/configRef"),
            spec(objects, "MachineDeployment", "edge-gpu").at("/template/spec/infrastructureRef"),
            spec(objects, "MachineDeployment", "edge-gpu").at("/template/spec/bootstrap/configRef"));

    for (JsonNode ref : refs) {
      assertThat(ref.propertyNames()).containsExactlyInAnyOrder("apiGroup", "kind", "name");
      assertThat(objects)
          .as("target of %s", ref)
          .anyMatch(
              object ->
                  object.apiGroup().equals(ref.get("apiGroup").stringValue())
                      && object.kind().equals(ref.get("kind").stringValue())
                      && object.name().equals(ref.get("name").stringValue()));
    }
  }

  @Test
  void theSameRequestAlwaysGivesTheSameNames() {
    List<KubeObject> first = renderer.render(Requests.sample(), Stage.FULL);
    List<KubeObject> second = renderer.render(Requests.sample(), Stage.FULL);

    assertThat(second).isEqualTo(first);
    assertThat(templateName(first, "edge-general")).matches("edge-general-[0-9a-f]{10}");
    assertThat(bootstrapName(first, "edge-general")).matches("edge-general-[0-9a-f]{10}");
  }

  @Test
  void aChangedMachineSettingGivesANewTemplateNameAndTheSameDeployment() {
    List<KubeObject> before = renderer.render(Requests.sample(), Stage.FULL);
    ClusterRequest bigger =
        Requests.withWorkers(
            List.of(
                Requests.worker(0, "general", 2, Map.of("cpus", 8)),
                Requests.worker(1, "gpu", 0, Map.of("cpus", 16))));
    List<KubeObject> after = renderer.render(bigger, Stage.FULL);

    String newTemplate = templateName(after, "edge-general");
    assertThat(newTemplate).isNotEqualTo(templateName(before, "edge-general"));
    assertThat(spec(after, "MachineDeployment", "edge-general").at("/template/spec/infrastructureRef/name").stringValue())
        .isEqualTo(newTemplate);
    // The test provider's workers read a file from the Secret named after their machine template, so the
    // bootstrap template follows the machine template; an unchanged pool keeps both names.
    assertThat(bootstrapName(after, "edge-general")).isNotEqualTo(bootstrapName(before, "edge-general"));
    assertThat(bootstrapName(after, "edge-gpu")).isEqualTo(bootstrapName(before, "edge-gpu"));
    assertThat(templateName(after, "edge-gpu")).isEqualTo(templateName(before, "edge-gpu"));
    assertThat(templateName(after, "edge-control-plane")).isEqualTo(templateName(before, "edge-control-plane"));
  }

  @Test
  void changedSshKeysGiveNewBootstrapTemplates() {
    ClusterRequest sample = Requests.sample();
    ClusterRequest otherKey =
        new ClusterRequest(
            sample.name(), sample.project(), sample.namespace(), sample.provider(), sample.kubernetesVersion(),
            Optional.empty(), sample.controlPlane(), sample.workerPools(), sample.network(),
            List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ3Mh2Ymd5dvkmZo4GsrSLE5+MU0pO1RJm0vDZ/vBWd other@example.com"),
            sample.infrastructure());

    List<KubeObject> before = renderer.render(sample, Stage.FULL);
    List<KubeObject> after = renderer.render(otherKey, Stage.FULL);

    assertThat(bootstrapName(after, "edge-general")).isNotEqualTo(bootstrapName(before, "edge-general"));
    assertThat(templateName(after, "edge-general")).isEqualTo(templateName(before, "edge-general"));
  }

  @Test
  void sshKeysReachTheControlPlaneAndEveryWorkerBootstrapTemplate() {
    List<KubeObject> objects = renderer.render(Requests.sample(), Stage.FULL);

    List<JsonNode> userLists =
        List.of(
            spec(objects, "KubeadmControlPlane", "edge-control-plane").at("/kubeadmConfigSpec/users"),
            spec(objects, "KubeadmConfigTemplate", bootstrapName(objects, "edge-general")).at("/template/spec/users"),
            spec(objects, "KubeadmConfigTemplate", bootstrapName(objects, "edge-gpu")).at("/template/spec/users"));
    for (JsonNode users : userLists) {
      assertThat(users.size()).isEqualTo(1);
      assertThat(users.get(0).get("name").stringValue()).isEqualTo("ops");
      assertThat(users.get(0).get("sudo").stringValue()).isEqualTo("ALL=(ALL) NOPASSWD:ALL");
      assertThat(strings(users.get(0).get("sshAuthorizedKeys"))).containsExactly(Requests.SSH_KEY);
    }
  }

  @Test
  void theControlPlaneGetsTheProvidersFilesCommandsAndKubeletArgumentsForInitAndJoin() {
    ObjectNode kubeadm =
        (ObjectNode) spec(renderer.render(Requests.sample(), Stage.INITIAL), "KubeadmControlPlane", "edge-control-plane")
            .get("kubeadmConfigSpec");

    assertThat(kubeadm.get("format").stringValue()).isEqualTo("cloud-config");
    assertThat(kubeadm.at("/files/0/path").stringValue()).isEqualTo("/etc/example/vip.yaml");
    assertThat(kubeadm.at("/files/0/content").stringValue()).isEqualTo("line one\nline two\n");
    assertThat(kubeadm.at("/files/0/permissions").stringValue()).isEqualTo("0644");
    assertThat(strings(kubeadm.get("preKubeadmCommands"))).containsExactly("echo before");
    assertThat(strings(kubeadm.get("postKubeadmCommands"))).containsExactly("echo after");
    for (String configuration : List.of("initConfiguration", "joinConfiguration")) {
      JsonNode args = kubeadm.get(configuration).at("/nodeRegistration/kubeletExtraArgs");
      assertThat(args.size()).isEqualTo(1);
      assertThat(args.at("/0/name").stringValue()).isEqualTo("cloud-provider");
      assertThat(args.at("/0/value").stringValue()).isEqualTo("external");
      assertThat(kubeadm.get(configuration).at("/nodeRegistration/name").stringValue())
          .isEqualTo("{{ local_hostname }}");
    }
  }

  @Test
  void workersWithoutProviderExtrasGetNoEmptyLists() {
    JsonNode bootstrap =
        spec(renderer.render(Requests.sample(), Stage.FULL), "KubeadmConfigTemplate", "edge-general-")
            .at("/template/spec");

    assertThat(bootstrap.propertyNames()).containsExactlyInAnyOrder("format", "users", "files");
  }

  @Test
  void aFileFromASecretNamedAfterTheMachineTemplateGetsThePoolsTemplateName() {
    List<KubeObject> objects = renderer.render(Requests.sample(), Stage.FULL);
    String machineTemplate = templateName(objects, "edge-general");

    JsonNode file = spec(objects, "KubeadmConfigTemplate", "edge-general-").at("/template/spec/files/0");

    assertThat(file.has("content")).isFalse();
    assertThat(file.at("/contentFrom/secret/name").stringValue()).isEqualTo(machineTemplate + "-cloud");
    assertThat(file.at("/contentFrom/secret/key").stringValue()).isEqualTo("worker.json");
  }

  @Test
  void controlPlaneRotatesCertificatesThreeWeeksBeforeExpiry() {
    JsonNode kcp = spec(renderer.render(Requests.sample(), Stage.INITIAL), "KubeadmControlPlane", "edge-control-plane");

    assertThat(kcp.at("/rollout/before/certificatesExpiryDays").intValue()).isEqualTo(21);
    assertThat(kcp.get("version").stringValue()).isEqualTo("v1.33.4");
  }

  @Test
  void machineDeploymentsSelectTheirPoolAndRollOneMachineAtATime() {
    JsonNode deployment = spec(renderer.render(Requests.sample(), Stage.FULL), "MachineDeployment", "edge-general");

    Map<String, String> poolLabels = Map.of("cluster.x-k8s.io/cluster-name", "edge", "fulcrum.dev/pool", "general");
    assertThat(stringMap(deployment.at("/selector/matchLabels"))).isEqualTo(poolLabels);
    assertThat(stringMap(deployment.at("/template/metadata/labels"))).isEqualTo(poolLabels);
    assertThat(deployment.get("clusterName").stringValue()).isEqualTo("edge");
    assertThat(deployment.at("/template/spec/clusterName").stringValue()).isEqualTo("edge");
    assertThat(deployment.at("/template/spec/version").stringValue()).isEqualTo("v1.33.4");
    assertThat(deployment.at("/rollout/strategy/type").stringValue()).isEqualTo("RollingUpdate");
    assertThat(deployment.at("/rollout/strategy/rollingUpdate/maxSurge").intValue()).isEqualTo(1);
    assertThat(deployment.at("/rollout/strategy/rollingUpdate/maxUnavailable").intValue()).isZero();
  }

  @Test
  void healthChecksSelectTheControlPlaneAndEachPool() {
    List<KubeObject> objects = renderer.render(Requests.sample(), Stage.FULL);

    JsonNode controlPlane = spec(objects, "MachineHealthCheck", "edge-control-plane");
    assertThat(stringMap(controlPlane.at("/selector/matchLabels")))
        .isEqualTo(Map.of("cluster.x-k8s.io/cluster-name", "edge", "cluster.x-k8s.io/control-plane", ""));
    JsonNode general = spec(objects, "MachineHealthCheck", "edge-general");
    assertThat(general.at("/selector/matchLabels"))
        .isEqualTo(spec(objects, "MachineDeployment", "edge-general").at("/template/metadata/labels"));

    for (JsonNode check : List.of(controlPlane, general)) {
      assertThat(check.get("clusterName").stringValue()).isEqualTo("edge");
      assertThat(check.at("/checks/nodeStartupTimeoutSeconds").intValue()).isEqualTo(600);
      assertThat(check.at("/checks/unhealthyNodeConditions"))
          .extracting(c -> c.get("type").stringValue() + "=" + c.get("status").stringValue() + "/" + c.get("timeoutSeconds").intValue())
          .containsExactly("Ready=False/300", "Ready=Unknown/300");
      assertThat(check.at("/remediation/triggerIf/unhealthyLessThanOrEqualTo").stringValue()).isEqualTo("40%");
    }
  }

  @Test
  void clusterCarriesTheNetwork() {
    JsonNode network = spec(renderer.render(Requests.sample(), Stage.INITIAL), "Cluster", "edge").get("clusterNetwork");

    assertThat(strings(network.at("/pods/cidrBlocks"))).containsExactly("192.168.0.0/16");
    assertThat(strings(network.at("/services/cidrBlocks"))).containsExactly("10.96.0.0/12");
    assertThat(network.get("serviceDomain").stringValue()).isEqualTo("cluster.local");
  }

  @Test
  void everyClusterApiObjectValidatesStrictlyAgainstTheUpstreamCrd() {
    CrdSchemas crds = CrdSchemas.loadOrSkip();

    for (KubeObject object : renderer.render(Requests.sample(), Stage.FULL)) {
      if (!object.apiVersion().equals(TestProvider.API_VERSION)) {
        assertThat(crds.validate(object.toTree())).as(object.toString()).isEmpty();
      }
    }
  }

  @Test
  void yamlOfTheSameRequestIsByteIdenticalAndReadsBackAsTheRenderedObjects() {
    List<KubeObject> objects = renderer.render(Requests.sample(), Stage.FULL);
    String first = YamlDocuments.writeAll(objects);
    String second = YamlDocuments.writeAll(renderer.render(Requests.sample(), Stage.FULL));

    assertThat(second).isEqualTo(first);
    List<JsonNode> readBack = Mappers.yaml().readValues(Mappers.yaml().createParser(first), JsonNode.class).readAll();
    assertThat(readBack).isEqualTo(objects.stream().map(KubeObject::toTree).toList());
  }

  @Test
  void anUnknownProviderIsRefusedNamingTheLoadedOnes() {
    ClusterRequest sample = Requests.sample();
    ClusterRequest elsewhere =
        new ClusterRequest(
            sample.name(), sample.project(), sample.namespace(), "elsewhere", sample.kubernetesVersion(),
            Optional.empty(), sample.controlPlane(), List.<NodePool>of(), sample.network(),
            sample.sshAuthorizedKeys(), sample.infrastructure());

    assertThatThrownBy(() -> renderer.render(elsewhere, Stage.INITIAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'elsewhere'")
        .hasMessageContaining("[test]");
  }

  @Test
  void aProviderObjectOfAnotherTypeThanItsDescriptorDeclaresIsRefused() {
    TestProvider misdeclared =
        new TestProvider() {
          @Override
          public Manifest machineTemplate(ClusterRequest request, NodePool pool) {
            return Manifest.of(API_VERSION, "TestMachine", Map.of());
          }
        };

    assertThatThrownBy(() -> new ClusterRenderer(new RegistryOf(misdeclared)).render(Requests.sample(), Stage.INITIAL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("provider 'test' rendered infrastructure.example.dev/v1beta2 TestMachine as its machine template")
        .hasMessageContaining("declares infrastructure.example.dev/v1beta2 TestMachineTemplate");
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  /** The one object of this kind whose name is {@code name} or, for templates, starts with it. */
  static KubeObject find(List<KubeObject> objects, String kind, String name) {
    List<KubeObject> matches =
        objects.stream()
            .filter(o -> o.kind().equals(kind))
            .filter(o -> o.name().equals(name) || (name.endsWith("-") && o.name().startsWith(name)))
            .toList();
    assertThat(matches).as("%s %s", kind, name).hasSize(1);
    return matches.get(0);
  }

  static JsonNode spec(List<KubeObject> objects, String kind, String name) {
    return find(objects, kind, name).toTree().get("spec");
  }

  /** The name of the pool's machine template, e.g. {@code edge-general-0123456789}. */
  static String templateName(List<KubeObject> objects, String poolPrefix) {
    return find(objects, "TestMachineTemplate", poolPrefix + "-").name();
  }

  static String bootstrapName(List<KubeObject> objects, String poolPrefix) {
    return find(objects, "KubeadmConfigTemplate", poolPrefix + "-").name();
  }

  static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::stringValue).toList();
  }

  static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> map = new java.util.TreeMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue().stringValue()));
    return map;
  }
}
