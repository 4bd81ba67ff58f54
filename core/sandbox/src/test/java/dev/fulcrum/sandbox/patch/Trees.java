package dev.fulcrum.sandbox.patch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Test helper: JSON trees from YAML or JSON text (JSON is YAML). */
final class Trees {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Trees() {}

    static JsonNode node(String yamlOrJson) {
        return YAML.readTree(yamlOrJson);
    }

    static ObjectNode object(String yamlOrJson) {
        return (ObjectNode) node(yamlOrJson);
    }
}
