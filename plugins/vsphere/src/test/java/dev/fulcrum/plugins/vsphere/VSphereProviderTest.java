package dev.fulcrum.plugins.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.AddonLayer;
import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.ClusterNetwork;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.Settings;
import dev.fulcrum.testkit.ProviderConformanceTest;
import dev.fulcrum.testkit.SampleRequests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class VSphereProviderTest extends ProviderConformanceTest {
  private static final String THUMBPRINT = "5D:01:06:A7:0A:24:34:B4:5F:E6:2A:F7:F3:A0:D2:1B:3A:9D:CC:72";
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final VSphereProvider provider = new VSphereProvider();

  private static SampleRequests.Builder sample() {
    return SampleRequests.forProvider("vsphere")
        .cloudAccount("Secret", "vcenter-prod")
        .infrastructure(Map.of(
            "server", "vcenter.example.com",
            "thumbprint", THUMBPRINT,
            "datacenter", "dc1",
            "datastore", "ds1",
            "network", "VM Network",
            "folder", "fulcrum",
            "resourcePool", "*/Resources",
            "template", "ubuntu-2404-kube-v1.33.4",
            "controlPlaneEndpoint", Map.of("host", "10.0.0.10", "port", 6443)))
        .controlPlane(3, Map.of("numCPUs", 4, "memoryMiB", 8192, "diskGiB", 40))
        .workerPool("general", 3, Map.of("numCPUs", 4, "memoryMiB", 16384, "diskGiB", 80))
        .workerPool("gpu", 1, Map.of("numCPUs", 8, "memoryMiB", 32768, "template", "ubuntu-2404-kube-v1.33.4-gpu"));
  }

  @Override
  protected InfrastructureProvider provider() {
    return provider;
  }

  @Override
  protected ClusterRequest sampleRequest() {
    return sample().build();
  }

  @Override
  protected Settings changedMachineSettings() {
    return new Settings(Map.of("numCPUs", 8, "memoryMiB", 16384, "diskGiB", 80));
  }

  @Override
  protected List<InvalidRequest> invalidRequests() {
    return List.of(
        invalid("spec.infrastructure.thumbprint", sample().infrastructure("thumbprint", "AA:BB").build()),
        invalid("spec.infrastructure.server", sample().infrastructure("server", null).build()),
        invalid("spec.infrastructure.controlPlaneEndpoint.host",
            sample().infrastructure("controlPlaneEndpoint", Map.of("host", "api.example.com")).build()),
        invalid("spec.infrastructure.controlPlaneEndpoint.host",
            sample().infrastructure("controlPlaneEndpoint", Map.of("host", "10.96.0.10")).build()),
        invalid("spec.infrastructure.controlPlaneEndpoint.port",
            sample().infrastructure("controlPlaneEndpoint", Map.of("host", "10.0.0.10", "port", 70000)).build()),
        invalid("spec.controlPlane.machine.memoryMiB", sample().controlPlaneMachine("memoryMiB", 1024).build()),
        invalid("spec.workerPools[0].machine.memoryMiB", sample().workerMachine(0, "memoryMiB", 4095).build()),
        invalid("spec.workerPools[1].machine.numCPUs", sample().workerMachine(1, "numCPUs", 1).build()),
        invalid("spec.workerPools[0].machine.numCpus", sample().workerMachine(0, "numCpus", 4).build()));
  }

  @Test
  void controlPlaneNodesRunKubeVipOnTheEndpoint() {
    ClusterRequest request = sampleRequest();

    CloudInit controlPlane = provider.cloudInit(request, request.controlPlane());

    CloudInit.File manifest = controlPlane.files().stream()
        .filter(file -> file.path().equals("/etc/kubernetes/manifests/kube-vip.yaml")).findFirst().orElseThrow();
    JsonNode pod = YAML.readTree(manifest.content());
    assertThat(pod.path("kind").asString()).isEqualTo("Pod");
    assertThat(pod.path("metadata").path("namespace").asString()).isEqualTo("kube-system");
    JsonNode env = pod.path("spec").path("containers").path(0).path("env");
    assertThat(envValue(env, "address")).isEqualTo("10.0.0.10");
    assertThat(envValue(env, "port")).isEqualTo("6443");
    assertThat(envValue(env, "vip_cidr")).isEqualTo("32");
    assertThat(envValue(env, "cp_enable")).isEqualTo("true");
    assertThat(manifest.content()).doesNotContain("${").doesNotContain("{{");
  }

  private static String envValue(JsonNode env, String name) {
    for (JsonNode variable : env) {
      if (variable.path("name").asString().equals(name)) {
        return variable.path("value").asString();
      }
    }
    throw new AssertionError("no env " + name + " in " + env);
  }

  @Test
  void kubeVipStartsWithSuperAdminOnlyWhereKubeadmNeedsIt() {
    ClusterRequest current = sampleRequest();
    CloudInit controlPlane = provider.cloudInit(current, current.controlPlane());
    assertThat(controlPlane.files()).extracting(CloudInit.File::path).contains("/etc/kube-vip-prepare.sh");
    assertThat(controlPlane.preKubeadmCommands()).last().isEqualTo("/etc/kube-vip-prepare.sh");

    ClusterRequest old = sample().kubernetesVersion("v1.28.9").build();
    CloudInit oldControlPlane = provider.cloudInit(old, old.controlPlane());
    assertThat(oldControlPlane.files()).extracting(CloudInit.File::path)
        .containsExactly("/etc/kubernetes/manifests/kube-vip.yaml");
    assertThat(oldControlPlane.preKubeadmCommands()).noneMatch(command -> command.contains("kube-vip"));
  }

  @Test
  void workersRunNoKubeVip() {
    ClusterRequest request = sampleRequest();

    CloudInit worker = provider.cloudInit(request, request.workerPools().get(0));

    assertThat(worker.files()).isEmpty();
    assertThat(worker.preKubeadmCommands()).noneMatch(command -> command.contains("kube-vip"));
    assertThat(worker.kubeletExtraArgs()).containsExactly(new CloudInit.Arg("cloud-provider", "external"));
  }

  @Test
  void keysGoToTheCapvUser() {
    ClusterRequest request = sampleRequest();

    assertThat(provider.cloudInit(request, request.workerPools().get(1)).users())
        .containsExactly(new CloudInit.User("capv", "ALL=(ALL) NOPASSWD:ALL", SampleRequests.SSH_KEYS));
  }

  @Test
  void ipv6VirtualIpIsAcceptedAndAnnouncedAsAHostRoute() {
    ClusterRequest request = sample()
        .infrastructure("controlPlaneEndpoint", Map.of("host", "fd00:10::10"))
        .network(new ClusterNetwork(List.of("fd00:100::/56"), List.of("fd00:200::/108"), "cluster.local"))
        .build();

    assertThat(provider.validate(request)).isEmpty();
    String manifest = provider.cloudInit(request, request.controlPlane()).files().get(0).content();
    assertThat(envValue(YAML.readTree(manifest).path("spec").path("containers").path(0).path("env"), "vip_cidr"))
        .isEqualTo("128");
    assertThat(provider.infrastructureCluster(request).spec().get("controlPlaneEndpoint"))
        .isEqualTo(Map.of("host", "fd00:10::10", "port", 6443L));
  }

  @Test
  void credentialsAreReferencedByKindAndName() {
    assertThat(provider.infrastructureCluster(sampleRequest()).spec().get("identityRef"))
        .isEqualTo(Map.of("kind", "Secret", "name", "vcenter-prod"));
    ClusterRequest withIdentity = sample().cloudAccount("VSphereClusterIdentity", "vcenter-team-a").build();
    assertThat(provider.infrastructureCluster(withIdentity).spec().get("identityRef"))
        .isEqualTo(Map.of("kind", "VSphereClusterIdentity", "name", "vcenter-team-a"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void machineTemplateClonesFromThePoolsTemplateWithTheRightCloneMode() {
    ClusterRequest request = sampleRequest();

    Map<String, Object> general = vmSpec(provider.machineTemplate(request, request.workerPools().get(0)).spec());
    Map<String, Object> gpu = vmSpec(provider.machineTemplate(request, request.workerPools().get(1)).spec());

    assertThat(general).containsEntry("template", "ubuntu-2404-kube-v1.33.4")
        .containsEntry("cloneMode", "fullClone")
        .containsEntry("diskGiB", 80L)
        .containsEntry("datacenter", "dc1")
        .containsEntry("resourcePool", "*/Resources")
        .containsEntry("network", Map.of("devices", List.of(Map.of("networkName", "VM Network", "dhcp4", true))))
        .doesNotContainKey("storagePolicyName");
    assertThat(gpu).containsEntry("template", "ubuntu-2404-kube-v1.33.4-gpu")
        .containsEntry("cloneMode", "linkedClone")
        .doesNotContainKey("diskGiB");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> vmSpec(Map<String, Object> templateSpec) {
    return (Map<String, Object>) ((Map<String, Object>) templateSpec.get("template")).get("spec");
  }

  @Test
  void addonsNameTheVCenterButCarryNoCredentials() {
    List<AddonLayer> addons = provider.addons(sampleRequest());

    assertThat(addons).extracting(AddonLayer::name).containsExactly("vsphere-cpi", "vsphere-csi");
    AddonLayer.HelmChart cpi = (AddonLayer.HelmChart) addons.get(0);
    assertThat(cpi.values()).isEqualTo(Map.of("config", Map.of(
        "enabled", true, "vcenter", "vcenter.example.com", "datacenter", "dc1", "thumbprint", THUMBPRINT)));
    assertThat(addons.toString()).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("username");
  }
}
