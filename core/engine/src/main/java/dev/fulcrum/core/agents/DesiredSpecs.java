package dev.fulcrum.core.agents;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.ClusterStatus;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.core.profiles.AddonPlan;
import dev.fulcrum.core.profiles.AddonPlanner;
import dev.fulcrum.core.render.CapiTypes;
import dev.fulcrum.core.render.ClusterRenderer;
import dev.fulcrum.core.render.KubeObject;
import dev.fulcrum.core.render.Stage;
import dev.fulcrum.core.request.RequestReader;
import dev.fulcrum.core.request.WorkloadCluster;
import dev.fulcrum.core.yaml.CanonicalJson;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.InfrastructureProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The desired spec of a stored WorkloadCluster, as its agent pulls it: the full Cluster API object set (every
 * control-plane and worker machine), rendered per stage of the upgrade plan from the version the cluster runs, and the
 * add-on layers of the provider and the cluster's profiles (Helm rendered here, so charts travel with the spec).
 */
public final class DesiredSpecs {
  private static final int VERSION_HASH_LENGTH = 12;

  private final RequestReader reader;
  private final ClusterRenderer renderer;
  private final AddonPlanner addons;
  private final ProviderRegistry providers;

  public DesiredSpecs(RequestReader reader, ClusterRenderer renderer, AddonPlanner addons, ProviderRegistry providers) {
    this.reader = reader;
    this.renderer = renderer;
    this.addons = addons;
    this.providers = providers;
  }

  /**
   * The spec of a stored WorkloadCluster.
   *
   * @throws dev.fulcrum.core.request.InvalidRequestException if the stored request is not valid (any more)
   */
  public AgentSpec of(JsonNode workloadCluster) {
    WorkloadCluster read =
        reader.readWorkloadCluster(Mappers.json().writeValueAsBytes(WorkloadClusters.requestDocument(workloadCluster)));
    ClusterRequest request = read.request();
    Optional<String> running = text(workloadCluster.at("/status/kubernetesVersion"));
    Optional<String> rolloutAfter = text(workloadCluster.at("/spec/controlPlane/rolloutAfter"));
    List<AgentSpec.Stage> stages = new ArrayList<>();
    for (String version : UpgradePlan.versions(running, request.kubernetesVersion())) {
      ClusterRequest atVersion = withVersion(request, version);
      List<KubeObject> objects =
          renderer.render(atVersion, Stage.FULL).stream().map(object -> withRolloutAfter(object, rolloutAfter)).toList();
      stages.add(new AgentSpec.Stage(version, objects));
    }
    boolean deleting = workloadCluster.at("/metadata/deletionTimestamp").isString();
    InfrastructureProvider provider =
        providers.find(request.provider())
            .orElseThrow(() -> new IllegalStateException("provider '" + request.provider() + "' is not loaded"));
    AddonPlan plan = addons.plan(read, request.provider(), "", provider.addons(request));
    String hash =
        CanonicalJson.sha256Hex(List.of(deleting, stages.stream().map(DesiredSpecs::tree).toList(), plan.toJson()))
            .substring(0, VERSION_HASH_LENGTH);
    return new AgentSpec(
        workloadCluster.at("/metadata/generation").asLong(0) + "-" + hash,
        ClusterRef.of(workloadCluster),
        ClusterStatus.of(workloadCluster).clusterNamespace().orElse(request.namespace()),
        request.name(),
        deleting,
        stages,
        plan);
  }

  private static JsonNode tree(AgentSpec.Stage stage) {
    ObjectNode tree = Mappers.json().createObjectNode().put("kubernetesVersion", stage.kubernetesVersion());
    stage.objects().forEach(object -> tree.withArray("objects").add(object.toTree()));
    return tree;
  }

  private static ClusterRequest withVersion(ClusterRequest request, String version) {
    return new ClusterRequest(
        request.name(),
        request.project(),
        request.namespace(),
        request.provider(),
        version,
        request.cloudAccountRef(),
        request.controlPlane(),
        request.workerPools(),
        request.network(),
        request.sshAuthorizedKeys(),
        request.infrastructure());
  }

  /** An on-demand rollout (certificate rotation) is a field of the control plane only. */
  private static KubeObject withRolloutAfter(KubeObject object, Optional<String> rolloutAfter) {
    if (rolloutAfter.isEmpty() || !CapiTypes.KUBEADM_CONTROL_PLANE.equals(object.kind())) {
      return object;
    }
    ObjectNode tree = object.toTree();
    ((ObjectNode) tree.path("spec")).withObject("rollout").put("after", rolloutAfter.get());
    return KubeObject.of(tree);
  }

  private static Optional<String> text(JsonNode node) {
    return node.isString() && !node.stringValue().isEmpty() ? Optional.of(node.stringValue()) : Optional.empty();
  }
}
