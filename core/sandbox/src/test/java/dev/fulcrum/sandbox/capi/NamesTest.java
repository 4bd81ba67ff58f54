package dev.fulcrum.sandbox.capi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void pluralsFollowCrdNaming() {
    assertThat(ResourceKind.plural("DevMachine")).isEqualTo("devmachines");
    assertThat(ResourceKind.plural("VSphereMachineTemplate")).isEqualTo("vspheremachinetemplates");
    assertThat(ResourceKind.plural("ClusterClass")).isEqualTo("clusterclasses");
    assertThat(ResourceKind.plural("VSphereDeploymentZone")).isEqualTo("vspheredeploymentzones");
    assertThat(ResourceKind.plural("Policy")).isEqualTo("policies");
    assertThat(ResourceKind.plural("Gateway")).isEqualTo("gateways");
  }

  @Test
  void workloadApiIsNamedAfterTheClustersNamespace() {
    assertThat(WorkloadClusters.apiName("team-a--dev-1", "dev-1")).isEqualTo("team-a--dev-1");
    assertThat(WorkloadClusters.apiName("default", "dev-1")).isEqualTo("default--dev-1");
    String longName = WorkloadClusters.apiName("a-very-long-project-name-for-testing", "and-a-long-cluster-name-too");
    assertThat(longName).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(WorkloadClusters.apiName("a-very-long-project-name-for-testing", "and-a-long-cluster-name-tooo"))
        .isNotEqualTo(longName);
  }

  @Test
  void providerKindsIncludeTheirFamilyButNotOtherProviders() {
    InfraKinds kinds = new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta2", "AWSCluster", "AWSMachine",
        "AWSMachineTemplate", InfraKinds.Contract.V1BETA1);
    assertThat(kinds.owns("AWSClusterStaticIdentity")).isTrue();
    assertThat(kinds.owns("AWSMachinePool")).isTrue();
    assertThat(kinds.owns("AzureCluster")).isFalse();
    assertThat(SimulatorFixture.DEV.owns("DockerCluster")).isFalse();
    assertThat(SimulatorFixture.DEV.owns("DevMachineTemplate")).isTrue();
  }
}
