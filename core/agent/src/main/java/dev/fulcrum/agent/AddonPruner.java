package dev.fulcrum.agent;

import dev.fulcrum.agent.AddonInventory.ApiKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deletes add-on objects no layer holds any more: only objects labelled as Fulcrum's, this cluster's and of an
 * add-on layer ({@link ObjectLabels#selector()} and a {@link ObjectLabels#ADDON_LAYER} label) are candidates, so
 * nothing Fulcrum did not create is ever deleted. Kinds go in reverse order of first application, Namespaces last
 * (deleting one deletes everything in it).
 */
final class AddonPruner {

  private static final Logger LOG = LoggerFactory.getLogger(AddonPruner.class);
  private static final ApiKind NAMESPACE = new ApiKind("v1", "Namespace");

  private final OwnCluster cluster;
  private final AddonInventory inventory;

  AddonPruner(OwnCluster cluster, AddonInventory inventory) {
    this.cluster = cluster;
    this.inventory = inventory;
  }

  /**
   * Deletes every labelled add-on object, of a kind the API still serves, whose key ({@link AddonObjects#key}) is not in {@code desired}.
   *
   * @param desiredKinds the kinds the desired layers hold
   * @return what was deleted, described
   */
  List<String> prune(Set<String> desired, Set<ApiKind> desiredKinds, ObjectLabels labels) {
    List<ApiKind> kinds = new ArrayList<>(inventory.kinds());
    Collections.reverse(kinds);
    if (kinds.remove(NAMESPACE)) {
      kinds.add(NAMESPACE);
    }
    List<String> deleted = new ArrayList<>();
    Set<ApiKind> inUse = new LinkedHashSet<>(desiredKinds);
    for (ApiKind kind : kinds) {
      if (cluster.namespaced(kind.apiVersion(), kind.kind()).isEmpty()) {
        continue; // no longer served (its CRD is gone): nothing of it is left to delete
      }
      for (ObjectNode object : cluster.listEverywhere(kind.apiVersion(), kind.kind(), labels.selector(),
          ObjectLabels.ADDON_LAYER)) {
        if (desired.contains(AddonObjects.key(object))) {
          continue;
        }
        inUse.add(kind);
        if (object.at("/metadata/deletionTimestamp").isMissingNode()) {
          String what = AddonObjects.describe(object);
          LOG.info("pruning {}: no add-on layer holds it any more", what);
          cluster.delete(object);
          deleted.add(what);
        }
      }
    }
    inventory.retainAll(inUse);
    return deleted;
  }
}
