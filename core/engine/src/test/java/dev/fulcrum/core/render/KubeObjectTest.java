package dev.fulcrum.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.yaml.Mappers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class KubeObjectTest {

  @Test
  void exposesItsIdentity() {
    KubeObject object = KubeObject.of(tree("cluster.x-k8s.io/v1beta2", "Cluster", "edge", "team-a--edge"));

    assertThat(object.apiVersion()).isEqualTo("cluster.x-k8s.io/v1beta2");
    assertThat(object.apiGroup()).isEqualTo("cluster.x-k8s.io");
    assertThat(object.kind()).isEqualTo("Cluster");
    assertThat(object.name()).isEqualTo("edge");
    assertThat(object.namespace()).isEqualTo("team-a--edge");
    assertThat(object.labels()).isEqualTo(Map.of("a", "1"));
    assertThat(object).hasToString("Cluster team-a--edge/edge");
  }

  @Test
  void theCoreGroupAndClusterScopeAreEmpty() {
    KubeObject namespace = KubeObject.of(tree("v1", "Namespace", "team-a", null));

    assertThat(namespace.apiGroup()).isEmpty();
    assertThat(namespace.namespace()).isEmpty();
  }

  @Test
  void neitherTheSourceTreeNorACopyCanChangeIt() {
    ObjectNode source = tree("v1", "ConfigMap", "settings", "default");
    KubeObject object = KubeObject.of(source);

    source.putObject("metadata").put("name", "changed");
    object.toTree().putObject("metadata").put("name", "changed too");

    assertThat(object.name()).isEqualTo("settings");
  }

  @Test
  void refusesAnObjectWithoutIdentity() {
    ObjectNode nameless = tree("v1", "ConfigMap", "x", null);
    ((ObjectNode) nameless.get("metadata")).remove("name");

    assertThatThrownBy(() -> KubeObject.of(nameless)).hasMessageContaining("/metadata/name");
    assertThatThrownBy(() -> KubeObject.of(Mappers.json().createObjectNode())).hasMessageContaining("/apiVersion");
  }

  private static ObjectNode tree(String apiVersion, String kind, String name, String namespace) {
    ObjectNode tree = Mappers.json().createObjectNode();
    tree.put("apiVersion", apiVersion);
    tree.put("kind", kind);
    ObjectNode metadata = tree.putObject("metadata");
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.putObject("labels").put("a", "1");
    return tree;
  }
}
