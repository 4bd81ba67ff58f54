package dev.fulcrum.sandbox.capi;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An infrastructure provider's cluster controller: once its Cluster owns the infrastructure cluster, "provisions"
 * it (after {@link Delays#infrastructureCluster()}): sets a control-plane endpoint unless one is given, and marks it
 * provisioned in the field its contract uses. Objects labelled {@code cluster.x-k8s.io/managed-by} are managed by
 * someone else and left alone.
 */
final class InfraClusterController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(InfraClusterController.class);

  private final SimContext ctx;
  private final InfraKinds kinds;

  InfraClusterController(SimContext ctx, InfraKinds kinds) {
    this.ctx = ctx;
    this.kinds = kinds;
  }

  void watch(Controller controller) {
    ctx.informers.onChange(kinds.clusterResource(), infra -> controller.enqueue(ObjectKey.of(infra)));
    ctx.informers.onChange(Capi.CLUSTER, cluster -> {
      if (kinds.group().equals(cluster.text("/spec/infrastructureRef/apiGroup"))
          && kinds.clusterKind().equals(cluster.text("/spec/infrastructureRef/kind"))) {
        controller.enqueue(new ObjectKey(cluster.namespace(), cluster.text("/spec/infrastructureRef/name")));
      }
    });
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<ApiObject> found = ctx.api.get(kinds.clusterResource(), key.namespace(), key.name());
    if (found.isEmpty() || found.get().deleting()) {
      return Result.done();
    }
    ApiObject infra = found.get();
    Optional<ApiObject> cluster = infra.owner(Capi.CORE_GROUP, "Cluster")
        .flatMap(owner -> ctx.cluster(infra.namespace(), owner.name()));
    if (cluster.isEmpty() || infra.labels().containsKey(Capi.MANAGED_BY_LABEL)) {
      return Result.done();
    }
    if (SimContext.paused(cluster.get(), infra)) {
      ApiObject next = infra.copy();
      Conditions.of(next, kinds.contract()).set("Paused", true, "Paused", "");
      ctx.writeStatus(kinds.clusterResource(), infra, next);
      return Result.done();
    }
    if (!InfraProviders.provisioned(infra, kinds)) {
      Duration left = ctx.gate.remaining(infra.uid(), "provision", ctx.delays.infrastructureCluster());
      if (!left.isZero()) {
        return Result.after(left);
      }
    }
    ApiObject withEndpoint = infra.copy();
    if (!ClusterController.validEndpoint(withEndpoint.at("/spec/controlPlaneEndpoint"))) {
      WorkloadApis.Endpoint endpoint = ctx.workloads.apis().endpoint();
      withEndpoint.spec().putObject("controlPlaneEndpoint").put("host", endpoint.host()).put("port", endpoint.port());
    }
    ApiObject stored = ctx.writeObject(kinds.clusterResource(), infra, withEndpoint);
    ApiObject next = stored.copy();
    InfraProviders.markProvisioned(next, kinds);
    Conditions.of(next, kinds.contract())
        .set("Ready", true, "Ready", "")
        .set("Paused", false, "NotPaused", "");
    if (!InfraProviders.provisioned(stored, kinds)) {
      LOG.info("{} {}/{}: provisioned", kinds.clusterKind(), stored.namespace(), stored.name());
    }
    ctx.writeStatus(kinds.clusterResource(), stored, next);
    return Result.done();
  }
}
