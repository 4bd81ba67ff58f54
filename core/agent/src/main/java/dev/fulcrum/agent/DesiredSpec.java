package dev.fulcrum.agent;

import dev.fulcrum.core.yaml.Mappers;
import com.fasterxml.jackson.annotation.JsonValue;
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
 * @param addons the add-on layers to install once the control plane is up (step 6); none when absent
 */
public record DesiredSpec(String version, String cluster, String namespace, String clusterName, boolean deleting,
    List<Stage> stages, Addons addons) {

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

  /**
   * The cluster's add-ons: layers in apply order, their Helm charts already rendered by the management plane.
   *
   * @param layers provider add-on layers first, then each referenced profile's layers in order
   */
  public record Addons(List<AddonLayer> layers) {
    public Addons {
      layers = List.copyOf(layers);
    }

    /** No add-ons. */
    public static final Addons NONE = new Addons(List.of());
  }

  /**
   * One add-on layer of a cluster profile.
   *
   * @param id {@code <profile>.<layer>}, a valid label value; the agent labels the layer's objects with it
   * @param profile the cluster profile's name
   * @param profileVersion the profile's semantic version
   * @param layer the layer's name within the profile
   * @param namespace where the layer's namespaced objects go when they name no namespace
   * @param drift what the agent does when an object of the layer is changed or deleted by hand
   * @param dependsOn ids of earlier layers this one needs
   * @param objects complete Kubernetes objects, in apply order
   * @param problem why the management plane could not render the layer (a chart repository it could not reach,
   *     say); empty when it could. Such a layer fails with this reason and stops the layers after it.
   */
  public record AddonLayer(String id, String profile, String profileVersion, String layer, String namespace,
      Drift drift, List<String> dependsOn, List<ObjectNode> objects, String problem) {
    public AddonLayer {
      problem = problem == null ? "" : problem;
      dependsOn = List.copyOf(dependsOn);
      objects = objects.stream().map(ObjectNode::deepCopy).toList();
    }
  }

  /** What a drifted add-on object gets. */
  public enum Drift {
    /** Applied again, and an event names it. */
    CORRECT("correct"),
    /** Left alone; its layer is reported {@code Drifted}, naming it. */
    REPORT("report");

    private final String wireName;

    Drift(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }
  }

  public DesiredSpec {
    stages = List.copyOf(stages);
    addons = addons == null ? Addons.NONE : addons;
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
    Addons addons = AddonSpecReader.read(root.path("addons"), problems);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    return new DesiredSpec(version, cluster, namespace, clusterName, deleting.asBoolean(false), stages, addons);
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
      if (!kubernetesObject(object, objectPath, problems)) {
        continue;
      }
      String objectNamespace = object.path("metadata").path("namespace").asString("");
      if (namespace != null && !objectNamespace.equals(namespace)) {
        problems.add(objectPath + ".metadata.namespace: must be the cluster's namespace " + namespace + ", got '"
            + objectNamespace + "'");
      }
      objects.add((ObjectNode) object);
    }
    return new Stage(kubernetesVersion, objects);
  }

  /** Whether {@code node} is an object with apiVersion, kind and metadata.name; records what is missing. */
  static boolean kubernetesObject(JsonNode node, String path, List<String> problems) {
    if (!node.isObject()) {
      problems.add(path + ": must be a Kubernetes object");
      return false;
    }
    int before = problems.size();
    text(node, "apiVersion", path, problems);
    text(node, "kind", path, problems);
    text(node.path("metadata"), "name", path + ".metadata", problems);
    return problems.size() == before;
  }

  private static String text(JsonNode node, String field, List<String> problems) {
    return text(node, field, "", problems);
  }

  /** The non-blank string at {@code field}, or null after recording the problem under {@code parentPath}. */
  static String text(JsonNode node, String field, String parentPath, List<String> problems) {
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
