package dev.fulcrum.plugins.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.AddonLayer;
import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.Settings;
import dev.fulcrum.testkit.ProviderConformanceTest;
import dev.fulcrum.testkit.SampleRequests;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureProviderTest extends ProviderConformanceTest {
  private static final String SUBSCRIPTION = "1b2f5d3e-4c6a-4f7b-9e8d-0a1b2c3d4e5f";

  private final AzureProvider provider = new AzureProvider();

  private static SampleRequests.Builder sample() {
    return SampleRequests.forProvider("azure")
        .cloudAccount("AzureClusterIdentity", "azure-prod")
        .infrastructure(Map.of(
            "location", "westeurope", "subscriptionID", SUBSCRIPTION, "resourceGroup", "analytics-rg"))
        .controlPlane(3, Map.of("vmSize", "Standard_D4s_v5", "osDiskSizeGB", 128))
        .workerPool("general", 3, Map.of("vmSize", "Standard_D8s_v5", "osDiskSizeGB", 256))
        .workerPool("small", 2, Map.of("vmSize", "Standard_B2ms"));
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
    return new Settings(Map.of("vmSize", "Standard_D16s_v5", "osDiskSizeGB", 256));
  }

  @Override
  protected List<InvalidRequest> invalidRequests() {
    return List.of(
        invalid("spec.infrastructure.subscriptionID",
            sample().infrastructure("subscriptionID", "my-subscription").build()),
        invalid("spec.infrastructure.location", sample().infrastructure("location", "West Europe").build()),
        invalid("spec.infrastructure.location", sample().infrastructure("location", null).build()),
        invalid("spec.infrastructure.resourceGroup", sample().infrastructure("resourceGroup", "analytics.").build()),
        invalid("spec.controlPlane.machine.vmSize", sample().controlPlaneMachine("vmSize", null).build()),
        invalid("spec.workerPools[0].machine.vmSize", sample().workerMachine(0, "vmSize", "D4s_v5").build()),
        invalid("spec.workerPools[1].machine.osDiskSizeGB", sample().workerMachine(1, "osDiskSizeGB", 10).build()));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> vm(ClusterRequest request, NodePool pool) {
    Map<String, Object> template = (Map<String, Object>) provider.machineTemplate(request, pool).spec().get("template");
    return (Map<String, Object>) template.get("spec");
  }

  @Test
  void sshPublicKeyIsBase64OfEveryAuthorizedKeyLine() {
    ClusterRequest request = sampleRequest();

    String encoded = (String) vm(request, request.workerPools().get(0)).get("sshPublicKey");

    String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    assertThat(decoded.lines()).containsExactlyElementsOf(SampleRequests.SSH_KEYS);
  }

  @Test
  void everyKeyAlsoWorksThroughAKubeadmUser() {
    ClusterRequest request = sampleRequest();

    CloudInit cloudInit = provider.cloudInit(request, request.controlPlane());

    assertThat(cloudInit.users())
        .containsExactly(new CloudInit.User("fulcrum", "ALL=(ALL) NOPASSWD:ALL", SampleRequests.SSH_KEYS));
    assertThat(cloudInit.kubeletExtraArgs()).containsExactly(new CloudInit.Arg("cloud-provider", "external"));
  }

  @Test
  void osDiskIsLinuxWithTheRequestedOrDefaultSize() {
    ClusterRequest request = sampleRequest();

    assertThat(vm(request, request.workerPools().get(0)))
        .containsEntry("vmSize", "Standard_D8s_v5")
        .containsEntry("osDisk", Map.of("osType", "Linux", "diskSizeGB", 256L));
    assertThat(vm(request, request.workerPools().get(1)))
        .containsEntry("osDisk", Map.of("osType", "Linux", "diskSizeGB", 128L));
  }

  @Test
  void clusterReferencesTheIdentityAndDefaultsTheResourceGroup() {
    assertThat(provider.infrastructureCluster(sampleRequest()).spec())
        .containsEntry("location", "westeurope")
        .containsEntry("subscriptionID", SUBSCRIPTION)
        .containsEntry("resourceGroup", "analytics-rg")
        .containsEntry("identityRef", Map.of(
            "apiVersion", "infrastructure.cluster.x-k8s.io/v1beta1",
            "kind", "AzureClusterIdentity",
            "name", "azure-prod"));

    ClusterRequest defaulted = sample().infrastructure("resourceGroup", null).build();
    assertThat(provider.infrastructureCluster(defaulted).spec()).containsEntry("resourceGroup", "sample");
  }

  @Test
  void noKeysMeansNoSshPublicKey() {
    ClusterRequest request = sample().sshKeys(List.of()).build();

    assertThat(vm(request, request.controlPlane())).doesNotContainKey("sshPublicKey");
    assertThat(provider.cloudInit(request, request.controlPlane()).users()).isEmpty();
  }

  @Test
  void cloudProviderLearnsTheClusterNameAndPodRange() {
    List<AddonLayer> addons = provider.addons(sampleRequest());

    assertThat(addons).extracting(AddonLayer::name).containsExactly("cloud-provider-azure", "azuredisk-csi-driver");
    assertThat(((AddonLayer.HelmChart) addons.get(0)).values()).isEqualTo(Map.of(
        "infra", Map.of("clusterName", "sample"),
        "cloudControllerManager", Map.of("clusterCIDR", "192.168.0.0/16")));
  }

  @Test
  void credentialsAreRequired() {
    assertThat(provider.descriptor().credentials().required()).isTrue();
    assertThat(provider.descriptor().credentials().kinds()).containsExactly("AzureClusterIdentity");
  }
}
