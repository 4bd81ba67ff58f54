package dev.fulcrum.core.agents;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.profiles.AddonPlan;
import dev.fulcrum.core.render.KubeObject;
import dev.fulcrum.core.yaml.Mappers;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an agent is asked to make of its cluster: the Cluster API objects, stage by stage. The last stage is the
 * desired state; earlier stages are the one-minor steps of an upgrade, applied in order.
 *
 * @param version changes whenever anything else here changes; agents long-poll with it
 * @param cluster the WorkloadCluster
 * @param namespace the namespace of the cluster's Cluster API objects
 * @param clusterName the name of the Cluster API {@code Cluster}
 * @param deleting the cluster is being deleted: the agent stops acting so its objects can move back
 * @param stages at least one
 * @param addons the add-on layers (step 6), in apply order
 */
public record AgentSpec(
    String version,
    ClusterRef cluster,
    String namespace,
    String clusterName,
    boolean deleting,
    List<Stage> stages,
    AddonPlan addons) {

  public AgentSpec {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(cluster, "cluster");
    stages = List.copyOf(stages);
    Objects.requireNonNull(addons, "addons");
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a spec has at least one stage");
    }
  }

  /** One stage: the complete object set of the cluster at one Kubernetes version. */
  public record Stage(String kubernetesVersion, List<KubeObject> objects) {
    public Stage {
      Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
      objects = List.copyOf(objects);
    }
  }

  /** The wire form agents read (see the agent protocol in the REST API's OpenAPI document). */
  public ObjectNode toTree() {
    ObjectNode tree = Mappers.json().createObjectNode();
    tree.put("version", version);
    tree.put("cluster", cluster.project() + "/" + cluster.name());
    tree.put("namespace", namespace);
    tree.put("clusterName", clusterName);
    tree.put("deleting", deleting);
    ArrayNode list = tree.putArray("stages");
    for (Stage stage : stages) {
      ObjectNode node = list.addObject();
      node.put("kubernetesVersion", stage.kubernetesVersion());
      ArrayNode objects = node.putArray("objects");
      stage.objects().forEach(object -> objects.add(object.toTree()));
    }
    tree.set("addons", addons.toJson());
    return tree;
  }
}
