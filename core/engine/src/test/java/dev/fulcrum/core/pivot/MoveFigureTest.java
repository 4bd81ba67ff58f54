package dev.fulcrum.core.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.sandbox.capi.InfraKinds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The figure: API calls per moved object for the docker example's pivot, against the count the clusterctl algorithm
 * makes on the same graph, computed from its documented call pattern (capi-contracts §5.3), with the CRDs of four
 * infrastructure providers installed in the management cluster.
 */
class MoveFigureTest {
  private static final List<InfraKinds> FOUR_PROVIDERS = List.of(PivotSandbox.DEV,
      new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta2", "AWSCluster", "AWSMachine", "AWSMachineTemplate",
          InfraKinds.Contract.V1BETA1),
      new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta1", "AzureCluster", "AzureMachine",
          "AzureMachineTemplate", InfraKinds.Contract.V1BETA1),
      new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta2", "VSphereCluster", "VSphereMachine",
          "VSphereMachineTemplate", InfraKinds.Contract.V1BETA2));

  @Test
  void fulcrumMakesFewerCallsPerObjectThanClusterctl() {
    try (PivotSandbox sandbox = PivotSandbox.start(FOUR_PROVIDERS)) {
      String namespace = "team-a--figure";
      sandbox.dockerExample(sandbox.management(), namespace, "figure");
      int labelledCrds = sandbox.management().apiextensions().v1().customResourceDefinitions()
          .withLabel(Clusterctl.CRD_LABEL).list().getItems().size();

      MoveResult result = new ClusterMove(sandbox.journal())
          .move(PivotSandbox.pivot(namespace, "figure"), sandbox.managementApi(), sandbox.workloadApi());

      int objects = result.moved().size();
      int clusterctl = clusterctlCalls(objects, labelledCrds, FOUR_PROVIDERS.size());
      System.out.printf("pivot: %d objects, fulcrum %.1f calls/object (%d calls: source %s, target %s, journal %d),"
              + " clusterctl %.1f calls/object (%d calls, %d labelled CRDs listed), ratio %.2f%n",
          objects, (double) result.apiCalls() / objects, result.apiCalls(), result.sourceCalls(),
          result.targetCalls(), result.journalCalls(), (double) clusterctl / objects, clusterctl, labelledCrds,
          (double) result.apiCalls() / clusterctl);

      assertThat(objects).isEqualTo(14);
      assertThat(result.apiCalls()).isLessThanOrEqualTo(clusterctl);
      // Per object exactly three writes: create on the target, then a patch and a delete on the source.
      assertThat(result.targetCalls()).containsEntry(MoveApi.Operation.CREATE, objects)
          .doesNotContainKeys(MoveApi.Operation.GET, MoveApi.Operation.UPDATE, MoveApi.Operation.DELETE);
      assertThat(result.sourceCalls()).containsEntry(MoveApi.Operation.JSON_PATCH, objects)
          .containsEntry(MoveApi.Operation.DELETE, objects)
          .containsEntry(MoveApi.Operation.MERGE_PATCH, 1)
          .containsEntry(MoveApi.Operation.LIST_CRDS, 1)
          .doesNotContainKeys(MoveApi.Operation.GET, MoveApi.Operation.CREATE);
      // The target lists only the kinds the move set holds, once each, to verify.
      assertThat(result.targetCalls()).containsEntry(MoveApi.Operation.LIST, 9);
      assertThat(result.sourceCalls().get(MoveApi.Operation.LIST)).isLessThan(labelledCrds + 2);
      assertThat(result.targetCalls()).containsEntry(MoveApi.Operation.MERGE_PATCH, 1);
    }
  }

  /**
   * clusterctl move's calls on a graph (capi-contracts §5.3): the labelled-CRD list, one list per labelled CRD and for
   * Secrets and ConfigMaps, the Secrets of each infrastructure provider's namespace, the pause; per object a get, a
   * create, a managedFields patch and a namespace check on the target; per object a get, an annotation patch, a
   * delete and a finalizer patch on the source; the unpause. No retries counted.
   */
  static int clusterctlCalls(int objects, int labelledCrds, int infrastructureProviders) {
    int discovery = 1 + labelledCrds + 2 + infrastructureProviders;
    int pauseAndUnpause = 2;
    int createPerObject = 4;
    int deletePerObject = 4;
    return discovery + pauseAndUnpause + objects * (createPerObject + deletePerObject);
  }
}
