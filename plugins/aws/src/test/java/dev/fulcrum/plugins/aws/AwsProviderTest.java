package dev.fulcrum.plugins.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.AddonLayer;
import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.Settings;
import dev.fulcrum.testkit.ProviderConformanceTest;
import dev.fulcrum.testkit.SampleRequests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsProviderTest extends ProviderConformanceTest {
  private final AwsProvider provider = new AwsProvider();

  private static SampleRequests.Builder sample() {
    return SampleRequests.forProvider("aws")
        .cloudAccount("AWSClusterStaticIdentity", "aws-prod")
        .infrastructure(Map.of(
            "region", "eu-west-1",
            "sshKeyName", "ops",
            "controlPlaneLoadBalancer", Map.of("scheme", "internal")))
        .controlPlane(3, Map.of("instanceType", "m6i.large", "rootVolumeSize", 40))
        .workerPool("general", 3, Map.of("instanceType", "m6i.xlarge", "rootVolumeSize", 80))
        .workerPool("batch", 0, Map.of(
            "instanceType", "c6i.2xlarge",
            "ami", Map.of("id", "ami-0123456789abcdef0"),
            "iamInstanceProfile", "batch-nodes"));
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
    return new Settings(Map.of("instanceType", "m6i.2xlarge", "rootVolumeSize", 80));
  }

  @Override
  protected List<InvalidRequest> invalidRequests() {
    return List.of(
        invalid("spec.infrastructure.region", sample().infrastructure("region", "Europe (Ireland)").build()),
        invalid("spec.infrastructure.region", sample().infrastructure("region", null).build()),
        invalid("spec.infrastructure.controlPlaneLoadBalancer.scheme",
            sample().infrastructure("controlPlaneLoadBalancer", Map.of("scheme", "public")).build()),
        invalid("spec.controlPlane.machine.instanceType", sample().controlPlaneMachine("instanceType", null).build()),
        invalid("spec.workerPools[0].machine.instanceType", sample().workerMachine(0, "instanceType", "large").build()),
        invalid("spec.workerPools[0].machine.rootVolumeSize", sample().workerMachine(0, "rootVolumeSize", 4).build()),
        invalid("spec.workerPools[1].machine.ami.id",
            sample().workerMachine(1, "ami", Map.of("id", "ubuntu-24.04")).build()),
        invalid("spec.workerPools[1].machine.iamInstanceProfile",
            sample().workerMachine(1, "iamInstanceProfile", "batch nodes").build()));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> instance(ClusterRequest request, NodePool pool) {
    Map<String, Object> template = (Map<String, Object>) provider.machineTemplate(request, pool).spec().get("template");
    return (Map<String, Object>) template.get("spec");
  }

  @Test
  void instanceProfileDefaultsPerRoleAsCapaTemplatesDo() {
    ClusterRequest request = sampleRequest();

    assertThat(instance(request, request.controlPlane()))
        .containsEntry("iamInstanceProfile", "control-plane.cluster-api-provider-aws.sigs.k8s.io");
    assertThat(instance(request, request.workerPools().get(0)))
        .containsEntry("iamInstanceProfile", "nodes.cluster-api-provider-aws.sigs.k8s.io");
    assertThat(instance(request, request.workerPools().get(1))).containsEntry("iamInstanceProfile", "batch-nodes");
  }

  @Test
  void machineSettingsMapToCapaFields() {
    ClusterRequest request = sampleRequest();

    assertThat(instance(request, request.workerPools().get(0)))
        .containsEntry("instanceType", "m6i.xlarge")
        .containsEntry("rootVolume", Map.of("size", 80L))
        .doesNotContainKey("ami");
    assertThat(instance(request, request.workerPools().get(1)))
        .containsEntry("ami", Map.of("id", "ami-0123456789abcdef0"))
        .doesNotContainKey("rootVolume");
  }

  @Test
  void ec2KeyPairIsUsedWhenNamedAndOtherwiseExplicitlyNone() {
    ClusterRequest named = sampleRequest();
    assertThat(provider.infrastructureCluster(named).spec()).containsEntry("sshKeyName", "ops");
    assertThat(instance(named, named.controlPlane())).containsEntry("sshKeyName", "ops");

    ClusterRequest unnamed = sample().infrastructure("sshKeyName", null).build();
    assertThat(provider.infrastructureCluster(unnamed).spec()).containsEntry("sshKeyName", "");
    assertThat(instance(unnamed, unnamed.workerPools().get(0))).containsEntry("sshKeyName", "");
  }

  @Test
  void requestKeysReachNodesThroughKubeadmUsers() {
    ClusterRequest request = sampleRequest();

    CloudInit cloudInit = provider.cloudInit(request, request.workerPools().get(0));

    assertThat(cloudInit.users())
        .containsExactly(new CloudInit.User("fulcrum", "ALL=(ALL) NOPASSWD:ALL", SampleRequests.SSH_KEYS));
    assertThat(cloudInit.kubeletExtraArgs()).containsExactly(new CloudInit.Arg("cloud-provider", "external"));
  }

  @Test
  void identityIsReferencedOnlyWhenGiven() {
    assertThat(provider.infrastructureCluster(sampleRequest()).spec())
        .containsEntry("identityRef", Map.of("kind", "AWSClusterStaticIdentity", "name", "aws-prod"))
        .containsEntry("region", "eu-west-1")
        .containsEntry("controlPlaneLoadBalancer", Map.of("scheme", "internal"));
    ClusterRequest role = sample().cloudAccount("AWSClusterRoleIdentity", "deployer").build();
    assertThat(provider.infrastructureCluster(role).spec())
        .containsEntry("identityRef", Map.of("kind", "AWSClusterRoleIdentity", "name", "deployer"));
    ClusterRequest none = sample().noCloudAccount().build();
    assertThat(provider.infrastructureCluster(none).spec()).doesNotContainKey("identityRef");
  }

  @Test
  @SuppressWarnings("unchecked")
  void addonsTargetTheClustersRegionAndTags() {
    List<AddonLayer> addons = provider.addons(sampleRequest());

    assertThat(addons).extracting(AddonLayer::name)
        .containsExactly("aws-cloud-controller-manager", "aws-ebs-csi-driver");
    assertThat((List<Object>) ((AddonLayer.HelmChart) addons.get(0)).values().get("args"))
        .contains("--cluster-name=sample");
    assertThat(((AddonLayer.HelmChart) addons.get(1)).values())
        .isEqualTo(Map.of("controller", Map.of("region", "eu-west-1")));
  }

  @Test
  void implementsTheV1beta1ContractAtApiVersionV1beta2() {
    assertThat(provider.descriptor().apiVersion()).isEqualTo("infrastructure.cluster.x-k8s.io/v1beta2");
    assertThat(provider.descriptor().contract()).isEqualTo("v1beta1");
    assertThat(provider.descriptor().credentials().required()).isFalse();
    assertThat(provider.descriptor().credentials().defaultKind()).isEqualTo("AWSClusterStaticIdentity");
  }
}
