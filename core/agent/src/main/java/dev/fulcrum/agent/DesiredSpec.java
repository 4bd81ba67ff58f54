package dev.fulcrum.agent;

import dev.fulcrum.core.yaml.Mappers;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The desired state of one cluster as the management plane sends it: a version, whether the cluster is being
 * deleted, and the ordered upgrade stages, the last being the desired state.
 *
 * @param version opaque; differs whenever anything else differs
 * @param cluster {@code <project>/<name>}
 * @param namespace the namespace of the cluster's CAPI objects
 * @param clusterName the CAPI Cluster's name
 * @param deleting true once the cluster is being deleted: the agent stops acting
 * @param stages the complete object set at each step of the upgrade plan, in order
 */
public record DesiredSpec(String version, String cluster, String namespace, String clusterName, boolean deleting,
    List<Stage> stages) {

  /**
   * One step of the plan: the cluster's complete CAPI object set at one Kubernetes version.
   *
   * @param kubernetesVersion e.g. {@code v1.34.2}
   * @param objects complete Kubernetes objects, each in the spec's namespace
   */
  public record Stage(String kubernetesVersion, List<ObjectNode> objects) {
    public Stage {
      objects = objects.stream().map(ObjectNode::deepCopy).toList();
    }
  }

  public DesiredSpec {
    stages = List.copyOf(stages);
  }

  /** The last stage: the desired state. */
  public Stage desired() {
    return stages.get(stages.size() - 1);
  }

  /** The project part of {@link #cluster()}. */
  public String project() {
    return cluster.substring(0, cluster.indexOf('/'));
  }

  /** The spec as the protocol writes it. */
  public String toJson() {
    return Mappers.json().writeValueAsString(this);
  }

  /**
   * Reads and checks a spec: every problem is reported at once, by field path; objects must lie in the spec's
   * namespace (the agent acts on nothing else).
   *
   * @throws InvalidSpecException if the JSON cannot be read or the spec is incomplete
   */
  public static DesiredSpec parse(String json) {
    JsonNode root;
    try {
      root = Mappers.json().readTree(json);
    } catch (JacksonException e) {
      throw new InvalidSpecException(List.of("not JSON: " + e.getOriginalMessage()));
    }
    List<String> problems = new ArrayList<>();
    if (!root.isObject()) {
      throw new InvalidSpecException(List.of("the spec must be a JSON object"));
    }
    String version = text(root, "version", problems);
    String cluster = text(root, "cluster", problems);
    String namespace = text(root, "namespace", problems);
    String clusterName = text(root, "clusterName", problems);
    if (cluster != null && cluster.indexOf('/') <= 0) {
      problems.add("cluster: must be <project>/<name>, got '" + cluster + "'");
    }
    JsonNode deleting = root.path("deleting");
    if (!deleting.isMissingNode() && !deleting.isBoolean()) {
      problems.add("deleting: must be true or false");
    }
    List<Stage> stages = new ArrayList<>();
    JsonNode stageNodes = root.path("stages");
    if (!stageNodes.isArray() || stageNodes.isEmpty()) {
      problems.add("stages: at least one stage is required");
    } else {
      for (int i = 0; i < stageNodes.size(); i++) {
        stages.add(stage(stageNodes.get(i), "stages[" + i + "]", namespace, problems));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    return new DesiredSpec(version, cluster, namespace, clusterName, deleting.asBoolean(false), stages);
  }

  private static Stage stage(JsonNode node, String path, String namespace, List<String> problems) {
    String kubernetesVersion = text(node, "kubernetesVersion", path, problems);
    if (kubernetesVersion != null && KubeVersion.parse(kubernetesVersion).isEmpty()) {
      problems.add(path + ".kubernetesVersion: not a Kubernetes version (vMAJOR.MINOR.PATCH): " + kubernetesVersion);
    }
    List<ObjectNode> objects = new ArrayList<>();
    JsonNode objectNodes = node.path("objects");
    if (!objectNodes.isArray()) {
      problems.add(path + ".objects: required, a list of Kubernetes objects");
      return new Stage(kubernetesVersion, objects);
    }
    for (int i = 0; i < objectNodes.size(); i++) {
      String objectPath = path + ".objects[" + i + "]";
      JsonNode object = objectNodes.get(i);
      if (!object.isObject()) {
        problems.add(objectPath + ": must be a Kubernetes object");
        continue;
      }
      text(object, "apiVersion", objectPath, problems);
      text(object, "kind", objectPath, problems);
      text(object.path("metadata"), "name", objectPath + ".metadata", problems);
      String objectNamespace = object.path("metadata").path("namespace").asString("");
      if (namespace != null && !objectNamespace.equals(namespace)) {
        problems.add(objectPath + ".metadata.namespace: must be the cluster's namespace " + namespace + ", got '"
            + objectNamespace + "'");
      }
      objects.add((ObjectNode) object);
    }
    return new Stage(kubernetesVersion, objects);
  }

  private static String text(JsonNode node, String field, List<String> problems) {
    return text(node, field, "", problems);
  }

  private static String text(JsonNode node, String field, String parentPath, List<String> problems) {
    JsonNode value = node.path(field);
    if (!value.isString() || value.asString().isBlank()) {
      problems.add((parentPath.isEmpty() ? "" : parentPath + ".") + field + ": required, a non-empty string");
      return null;
    }
    return value.asString();
  }

  /** A spec that cannot be used, with every problem by field path. */
  public static final class InvalidSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidSpecException(List<String> problems) {
      super("invalid desired spec: " + String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    /** Each problem, prefixed by its field path. */
    public List<String> problems() {
      return problems;
    }
  }
}
