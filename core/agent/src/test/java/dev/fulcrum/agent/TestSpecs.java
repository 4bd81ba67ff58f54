package dev.fulcrum.agent;

import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Desired specs as the management plane would send them, built from what {@code fulcrum render --stage full} prints
 * for the docker example ({@code dev-1-full.yaml}), renamed to a test's cluster and changed as a test needs.
 */
final class TestSpecs {

  static final String PROJECT = "team-a";

  private final String clusterName;
  private final List<ObjectNode> objects;

  private TestSpecs(String clusterName, List<ObjectNode> objects) {
    this.clusterName = clusterName;
    this.objects = objects;
  }

  /** The docker example (1 control-plane machine, pool general with 2) as cluster {@code clusterName}. */
  static TestSpecs dockerExample(String clusterName) {
    try (InputStream in = TestSpecs.class.getResourceAsStream("dev-1-full.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("dev-1", clusterName);
      List<ObjectNode> objects = new ArrayList<>();
      try (MappingIterator<JsonNode> values = Mappers.yaml().readerFor(JsonNode.class).readValues(text)) {
        while (values.hasNext()) {
          JsonNode value = values.next();
          if (value != null && value.isObject()) {
            objects.add((ObjectNode) value);
          }
        }
      }
      return new TestSpecs(clusterName, objects);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String namespace(String clusterName) {
    return PROJECT + "--" + clusterName;
  }

  String namespace() {
    return namespace(clusterName);
  }

  String clusterName() {
    return clusterName;
  }

  /** A copy to change independently. */
  TestSpecs copy() {
    return new TestSpecs(clusterName, objects.stream().map(ObjectNode::deepCopy).toList());
  }

  List<ObjectNode> objects() {
    return objects;
  }

  ObjectNode object(String kind, String name) {
    return objects.stream().filter(o -> o.path("kind").asString().equals(kind)
        && o.at("/metadata/name").asString().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + kind + " " + name));
  }

  /** What the management plane applies before the pivot: Cluster, infra cluster, KCP with 1 replica, its template. */
  List<ObjectNode> initialObjects() {
    ObjectNode kcp = object("KubeadmControlPlane", clusterName + "-control-plane").deepCopy();
    kcp.withObjectProperty("spec").put("replicas", 1);
    String cpTemplate = kcp.at("/spec/machineTemplate/spec/infrastructureRef/name").asString();
    return List.of(object("Cluster", clusterName), object("DevCluster", clusterName), kcp,
        object("DevMachineTemplate", cpTemplate));
  }

  TestSpecs controlPlaneReplicas(int replicas) {
    object("KubeadmControlPlane", clusterName + "-control-plane").withObjectProperty("spec").put("replicas", replicas);
    return this;
  }

  TestSpecs poolReplicas(String pool, int replicas) {
    object("MachineDeployment", clusterName + "-" + pool).withObjectProperty("spec").put("replicas", replicas);
    return this;
  }

  /** Sets the Kubernetes version of the control plane and every pool. */
  TestSpecs kubernetesVersion(String version) {
    object("KubeadmControlPlane", clusterName + "-control-plane").withObjectProperty("spec").put("version", version);
    objects.stream().filter(o -> o.path("kind").asString().equals("MachineDeployment"))
        .forEach(md -> ((ObjectNode) md.at("/spec/template/spec")).put("version", version));
    return this;
  }

  /** Removes a pool: its MachineDeployment, its templates and its MachineHealthCheck. */
  TestSpecs withoutPool(String pool) {
    ObjectNode md = object("MachineDeployment", clusterName + "-" + pool);
    List<String> templates = List.of(md.at("/spec/template/spec/infrastructureRef/name").asString(),
        md.at("/spec/template/spec/bootstrap/configRef/name").asString());
    Predicate<ObjectNode> ofPool = o -> o == md || templates.contains(o.at("/metadata/name").asString())
        || o.path("kind").asString().equals("MachineHealthCheck")
        && o.at("/metadata/name").asString().equals(clusterName + "-" + pool);
    return new TestSpecs(clusterName, objects.stream().filter(ofPool.negate()).toList());
  }

  /** Adds a pool shaped like {@code general}, with its own templates and health check. */
  TestSpecs addPool(String pool, int replicas) {
    String from = clusterName + "-general";
    String to = clusterName + "-" + pool;
    List<ObjectNode> added = new ArrayList<>(objects);
    ObjectNode md = object("MachineDeployment", from).deepCopy();
    for (String ref : List.of("/spec/template/spec/infrastructureRef", "/spec/template/spec/bootstrap/configRef")) {
      ObjectNode refNode = (ObjectNode) md.at(ref);
      String templateName = refNode.path("name").asString();
      ObjectNode template = object(refNode.path("kind").asString(), templateName).deepCopy();
      String newName = templateName.replace(from, to);
      template.withObjectProperty("metadata").put("name", newName);
      refNode.put("name", newName);
      added.add(template);
    }
    md.withObjectProperty("metadata").put("name", to);
    md.withObjectProperty("spec").put("replicas", replicas);
    ((ObjectNode) md.at("/spec/selector/matchLabels")).put("fulcrum.dev/pool", pool);
    ((ObjectNode) md.at("/spec/template/metadata/labels")).put("fulcrum.dev/pool", pool);
    added.add(md);
    ObjectNode mhc = object("MachineHealthCheck", from).deepCopy();
    mhc.withObjectProperty("metadata").put("name", to);
    ((ObjectNode) mhc.at("/spec/selector/matchLabels")).put("fulcrum.dev/pool", pool);
    added.add(mhc);
    return new TestSpecs(clusterName, added);
  }

  /** The spec JSON with one stage (these objects) under {@code version}. */
  String json(String version) {
    return json(version, false, List.of(this));
  }

  /** The spec JSON with one stage per {@link TestSpecs}, in order. */
  static String json(String version, boolean deleting, List<TestSpecs> stages) {
    TestSpecs last = stages.get(stages.size() - 1);
    ObjectNode spec = Mappers.json().createObjectNode();
    spec.put("version", version);
    spec.put("cluster", PROJECT + "/" + last.clusterName);
    spec.put("namespace", last.namespace());
    spec.put("clusterName", last.clusterName);
    spec.put("deleting", deleting);
    ArrayNode stageNodes = spec.putArray("stages");
    for (TestSpecs stage : stages) {
      ObjectNode stageNode = stageNodes.addObject();
      stageNode.put("kubernetesVersion", stage.object("KubeadmControlPlane", stage.clusterName + "-control-plane")
          .at("/spec/version").asString());
      ArrayNode objectNodes = stageNode.putArray("objects");
      stage.objects.forEach(objectNodes::add);
    }
    return Mappers.json().writeValueAsString(spec);
  }
}
