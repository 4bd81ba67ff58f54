package dev.fulcrum.sandbox.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fulcrum.sandbox.schema.OpenApiDocuments.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every upstream CRD in the shared directory compiles, validates a minimal object and publishes its documents. */
class AllSharedCrdsTest {

    private static List<Path> crdFiles() throws IOException {
        String dir = System.getProperty("fulcrum.shared.dir");
        Path crds = dir == null ? null : Paths.get(dir, "crds");
        if (crds == null || !Files.isDirectory(crds)) {
            String reason = "SKIPPED: no CRD directory (fulcrum.shared.dir=" + dir + ")";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        try (Stream<Path> files = Files.walk(crds)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyVersionOfEveryCrdCompilesAndValidatesAMinimalObject() throws IOException {
        List<Path> files = crdFiles();
        List<Resource> resources = new ArrayList<>();
        int versions = 0;
        for (Path file : files) {
            ObjectNode crd = (ObjectNode) SharedCrds.YAML.readTree(file.toFile());
            resources.addAll(Resource.fromCrd(crd));
            for (JsonNode version : crd.at("/spec/versions")) {
                StructuralSchema schema = StructuralSchema.of(version.at("/schema/openAPIV3Schema"));
                ObjectNode object = SharedCrds.yaml("apiVersion: " + crd.at("/spec/group").asString() + "/"
                        + version.path("name").asString() + "\nkind: " + crd.at("/spec/names/kind").asString()
                        + "\nmetadata: {name: x, namespace: default}\nspec: {}\n");
                schema.applyDefaults(object);
                assertThat(schema.validate(object)).as(file.getFileName() + " " + version.path("name").asString())
                        .noneMatch(Cause::isUnknownField);
                assertThat(schema.listSemantics().field("spec")).isNotNull();
                versions++;
            }
        }
        assertThat(files).hasSizeGreaterThan(20);
        assertThat(versions).isGreaterThan(files.size());
        OpenApiDocuments documents = OpenApiDocuments.of(resources);
        assertThat(documents.groupVersionPaths()).contains("apis/cluster.x-k8s.io/v1beta2",
                "apis/infrastructure.cluster.x-k8s.io/v1beta2", "apis/controlplane.cluster.x-k8s.io/v1beta2");
        assertThat(documents.document("apis/infrastructure.cluster.x-k8s.io/v1beta2").orElseThrow()
                .at("/components/schemas/io.x-k8s.cluster.infrastructure.v1beta2.DockerCluster"
                        + "/x-kubernetes-group-version-kind/0/kind").asString()).isEqualTo("DockerCluster");
    }
}
