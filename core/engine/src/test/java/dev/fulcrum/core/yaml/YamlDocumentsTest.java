package dev.fulcrum.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.node.ObjectNode;

class YamlDocumentsTest {

  @Test
  void writesEachDocumentAfterAMarkerWithKeysSortedAtEveryLevel() {
    Map<String, Object> unsorted = new LinkedHashMap<>();
    unsorted.put("kind", "Thing");
    unsorted.put("apiVersion", "example.dev/v1");
    unsorted.put("spec", Map.of("zeta", 1, "alpha", List.of("b", "a")));
    ObjectNode tree = Mappers.json().createObjectNode();
    tree.put("name", "second");
    tree.put("apiVersion", "v1");

    assertThat(YamlDocuments.writeAll(List.of(unsorted, tree)))
        .isEqualTo(
            """
            ---
            apiVersion: example.dev/v1
            kind: Thing
            spec:
              alpha:
                - b
                - a
              zeta: 1
            ---
            apiVersion: v1
            name: second
            """);
  }

  @Test
  void multiLineTextIsALiteralBlock() {
    assertThat(YamlDocuments.write(Map.of("content", "line one\nline two\n")))
        .isEqualTo("---\ncontent: |\n  line one\n  line two\n");
  }

  @Test
  void longTextStaysOnOneLine() {
    String key = "ssh-ed25519 " + "A".repeat(200) + " ops@example.com";

    assertThat(YamlDocuments.write(Map.of("key", key))).isEqualTo("---\nkey: " + key + "\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "0644", "0o644", "0x1F", "0b101", "42", "-7", "1_000", "1:20", "3.14", "1e3", ".5", ".inf", "-.Inf", ".NaN",
        "~", "null", "NULL", "true", "False", "yes", "No", "on", "OFF", "y", "N", "2024-01-31", "2024-01-31T10:00:00Z", "<<"
      })
  void stringsThatAYamlReaderWouldTakeForAnotherTypeAreQuoted(String text) {
    String yaml = YamlDocuments.write(Map.of("value", text));

    assertThat(yaml).isIn("---\nvalue: \"" + text + "\"\n", "---\nvalue: '" + text + "'\n");
    assertThat(new Load(LoadSettings.builder().build()).loadFromString(yaml)).isEqualTo(Map.of("value", text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.168.0.0/16", "10.0.0.10", "v1.33.4", "40%", "cloud-config", "ALL=(ALL) NOPASSWD:ALL", "Unknown",
        "cluster.x-k8s.io/cluster-name", "team-a--edge", "edge-general-46e8590ae3"
      })
  void ordinaryStringsStayPlain(String text) {
    assertThat(YamlDocuments.write(Map.of("value", text))).isEqualTo("---\nvalue: " + text + "\n");
  }

  @Test
  void numbersAndBooleansStayUnquoted() {
    assertThat(YamlDocuments.write(Map.of("count", 3, "enabled", true))).isEqualTo("---\ncount: 3\nenabled: true\n");
  }

  @Test
  void noDocumentsWriteNothing() {
    assertThat(YamlDocuments.writeAll(List.of())).isEmpty();
  }
}
