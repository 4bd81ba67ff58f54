package dev.fulcrum.sandbox.schema;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The upstream CRDs in the shared directory ({@code -Dfulcrum.shared.dir}, set by the parent pom). Tests that need them
 * are skipped, with a message on stderr, when the directory is absent.
 */
final class SharedCrds {

    static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** Parsed CRDs by relative path: the big CAPI files take a while to parse and tests only read them. */
    private static final java.util.Map<String, ObjectNode> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private SharedCrds() {}

    /** @return the CRD document at {@code crds/<relative>}; skips the calling test when it is not there */
    static ObjectNode crd(String relative) {
        String dir = System.getProperty("fulcrum.shared.dir");
        Path file = dir == null ? null : Paths.get(dir, "crds", relative);
        if (file == null || !Files.isRegularFile(file)) {
            String reason = "SKIPPED: upstream CRD " + relative + " not found (fulcrum.shared.dir=" + dir
                    + "); these tests need the shared CRD directory";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        return CACHE.computeIfAbsent(relative, r -> (ObjectNode) YAML.readTree(file.toFile())).deepCopy();
    }

    /** @return {@code openAPIV3Schema} of one served version of a CRD */
    static JsonNode schema(ObjectNode crd, String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (version.equals(v.path("name").asString())) {
                return v.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalArgumentException("no version " + version + " in " + crd.at("/metadata/name"));
    }

    static ObjectNode yaml(String text) {
        return (ObjectNode) YAML.readTree(text);
    }
}
