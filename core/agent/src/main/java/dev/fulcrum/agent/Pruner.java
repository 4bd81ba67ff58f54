package dev.fulcrum.agent;

import dev.fulcrum.core.kube.KubeTrees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deletes what the spec no longer holds: MachineDeployments of removed pools, removed MachineHealthChecks, and
 * templates (KubeadmConfigTemplates, machine templates) that the remaining stages do not name and that no
 * KubeadmControlPlane, MachineDeployment or MachineSet references any more. Only objects labelled as Fulcrum's and
 * this cluster's ({@link ObjectLabels}) are candidates; nothing else is ever deleted. Only the kinds the spec uses
 * are listed.
 */
final class Pruner {

  private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

  private final OwnCluster cluster;
  private final ObjectLabels labels;

  Pruner(OwnCluster cluster, ObjectLabels labels) {
    this.cluster = cluster;
    this.labels = labels;
  }

  /** Prunes against the stages from {@code fromStage} on (earlier stages are done with). */
  void prune(DesiredSpec spec, int fromStage) {
    List<DesiredSpec.Stage> remaining = spec.stages().subList(fromStage, spec.stages().size());
    Set<String> kept = new LinkedHashSet<>();
    Set<ApiKind> templateKinds = new LinkedHashSet<>();
    String coreApi = CapiKinds.CORE_API;
    for (DesiredSpec.Stage stage : remaining) {
      StageObjects objects = StageObjects.of(stage);
      stage.objects().forEach(object -> kept.add(key(object)));
      objects.controlPlaneTemplates().forEach(t -> templateKinds.add(ApiKind.of(t)));
      objects.workerTemplates().forEach(t -> templateKinds.add(ApiKind.of(t)));
      coreApi = objects.machineDeployments().stream().findFirst().map(md -> md.path("apiVersion").asString())
          .orElse(coreApi);
    }
    String namespace = spec.namespace();
    pruneUnlisted(new ApiKind(coreApi, CapiKinds.MACHINE_DEPLOYMENT), namespace, kept);
    pruneUnlisted(new ApiKind(coreApi, CapiKinds.MACHINE_HEALTH_CHECK), namespace, kept);

    List<JsonNode> referrers = new ArrayList<>();
    // Every referrer in the namespace, labelled or not: a template in use must never go.
    referrers.addAll(cluster.list(coreApi, CapiKinds.MACHINE_DEPLOYMENT, namespace, Map.of()));
    referrers.addAll(cluster.list(coreApi, CapiKinds.MACHINE_SET, namespace, Map.of()));
    remaining.stream().flatMap(stage -> StageObjects.of(stage).controlPlane().stream()).findFirst()
        .ifPresent(kcp -> referrers.addAll(cluster.list(kcp.path("apiVersion").asString(),
            CapiKinds.KUBEADM_CONTROL_PLANE, namespace, Map.of())));
    for (ApiKind kind : templateKinds) {
      for (ObjectNode template : candidates(kind, namespace)) {
        if (!kept.contains(key(template)) && referrers.stream().noneMatch(r -> references(r, template))) {
          delete(template, "no longer referenced");
        }
      }
    }
  }

  private void pruneUnlisted(ApiKind kind, String namespace, Set<String> kept) {
    for (ObjectNode object : candidates(kind, namespace)) {
      if (!kept.contains(key(object))) {
        delete(object, "no longer in the spec");
      }
    }
  }

  private List<ObjectNode> candidates(ApiKind kind, String namespace) {
    return cluster.list(kind.apiVersion(), kind.kind(), namespace, labels.selector()).stream()
        .filter(object -> object.at("/metadata/deletionTimestamp").isMissingNode())
        .toList();
  }

  private void delete(ObjectNode object, String why) {
    LOG.info("pruning {}: {}", KubeTrees.describe(object), why);
    cluster.delete(object);
  }

  private static boolean references(JsonNode referrer, JsonNode template) {
    return StageObjects.referencedBy(referrer, template)
        || CapiKinds.references(referrer.at(CapiKinds.KCP_INFRA_REF), template);
  }

  private static String key(JsonNode object) {
    return CapiKinds.group(object) + "/" + CapiKinds.kind(object) + "/" + CapiKinds.name(object);
  }

  /** An apiVersion and kind. */
  private record ApiKind(String apiVersion, String kind) {
    static ApiKind of(JsonNode object) {
      return new ApiKind(object.path("apiVersion").asString(), CapiKinds.kind(object));
    }
  }
}
