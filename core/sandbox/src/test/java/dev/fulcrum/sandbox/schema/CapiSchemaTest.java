package dev.fulcrum.sandbox.schema;

import static dev.fulcrum.sandbox.schema.SharedCrds.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.sandbox.patch.ApplyConflictException;
import dev.fulcrum.sandbox.patch.ApplyOptions;
import dev.fulcrum.sandbox.patch.ListSemantics;
import dev.fulcrum.sandbox.patch.ServerSideApply;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.Assertions;
import tools.jackson.databind.node.ObjectNode;

/** {@link StructuralSchema} against the real Cluster API CRDs. */
class CapiSchemaTest {

    private static final String VALID_CLUSTER = """
            apiVersion: cluster.x-k8s.io/v1beta2
            kind: Cluster
            metadata:
              name: wc-0001
              namespace: default
              labels: {fulcrum.dev/pool: a}
            spec:
              clusterNetwork:
                apiServerPort: 6443
                pods: {cidrBlocks: [192.168.0.0/16]}
                services: {cidrBlocks: [10.128.0.0/12]}
              controlPlaneRef: {apiGroup: controlplane.cluster.x-k8s.io, kind: KubeadmControlPlane, name: wc-0001-cp}
              infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: DockerCluster, name: wc-0001}
              availabilityGates:
              - {conditionType: fulcrum.dev/Ready, polarity: Positive}
              topology:
                classRef: {name: quick-start}
                version: v1.31.0
                variables:
                - name: imageRepository
                  value: {registry: "registry.k8s.io", mirrors: [a, b], nested: {any: [1, true, null]}}
            """;

    private StructuralSchema cluster;

    @BeforeEach
    void compile() {
        cluster = StructuralSchema.of(SharedCrds.schema(SharedCrds.crd("cluster-api/cluster.x-k8s.io_clusters.yaml"),
                "v1beta2"));
    }

    /** The {@code index}th element of a list, as a mutable object. */
    private static ObjectNode element(tools.jackson.databind.node.ArrayNode list, int index) {
        return (ObjectNode) list.get(index);
    }

    private ObjectNode validCluster() {
        return yaml(VALID_CLUSTER);
    }

    @Test
    void aValidClusterPasses() {
        assertThat(cluster.validate(validCluster())).isEmpty();
    }

    @Test
    void anUnknownFieldIsNamed() {
        ObjectNode object = validCluster();
        object.withObjectProperty("spec").put("replicas", 3);
        element(object.withObjectProperty("spec").withObjectProperty("topology").withArrayProperty("variables"), 0).put("bogus", 1);

        assertThat(cluster.validate(object)).containsExactly(
                new Cause("spec.topology.variables[0].bogus", Cause.UNKNOWN_FIELD,
                        "unknown field \"spec.topology.variables[0].bogus\""),
                new Cause("spec.replicas", Cause.UNKNOWN_FIELD, "unknown field \"spec.replicas\""));
    }

    @Test
    void aWrongTypeIsNamed() {
        ObjectNode object = validCluster();
        object.withObjectProperty("spec").withObjectProperty("clusterNetwork").put("apiServerPort", "6443");

        assertThat(cluster.validate(object)).containsExactly(new Cause("spec.clusterNetwork.apiServerPort",
                Cause.TYPE_INVALID, "Invalid value: \"string\": spec.clusterNetwork.apiServerPort in body must be of "
                        + "type integer: \"string\""));
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        ObjectNode object = validCluster();
        object.withObjectProperty("spec").withObjectProperty("controlPlaneRef").remove("name");

        assertThat(cluster.validate(object))
                .containsExactly(new Cause("spec.controlPlaneRef.name", Cause.REQUIRED, "Required value"));
        object.remove("spec");
        assertThat(cluster.validate(object)).containsExactly(new Cause("spec", Cause.REQUIRED, "Required value"));
    }

    @Test
    void anEnumViolationListsTheSupportedValues() {
        ObjectNode object = validCluster();
        element(object.withObjectProperty("spec").withArrayProperty("availabilityGates"), 0)
                .put("polarity", "Sideways");

        assertThat(cluster.validate(object)).containsExactly(new Cause("spec.availabilityGates[0].polarity",
                Cause.NOT_SUPPORTED, "Unsupported value: \"Sideways\": supported values: \"Positive\", \"Negative\""));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ObjectNode object = validCluster();
        ObjectNode spec = object.withObjectProperty("spec");
        spec.withObjectProperty("clusterNetwork").put("apiServerPort", 70000);
        spec.withObjectProperty("controlPlaneRef").put("kind", "9-not-a-kind");
        spec.withArrayProperty("availabilityGates").addObject().put("conditionType", "fulcrum.dev/Ready");
        object.withObjectProperty("metadata").put("name", "Not_A_Name");

        List<Cause> causes = cluster.validate(object);
        assertThat(causes).extracting(Cause::field).containsExactly(
                "metadata.name",
                "spec.clusterNetwork.apiServerPort",
                "spec.controlPlaneRef.kind",
                "spec.availabilityGates[1]");
        assertThat(causes.get(1).message()).isEqualTo("Invalid value: 70000: spec.clusterNetwork.apiServerPort in body"
                + " should be less than or equal to 65535");
        assertThat(causes.get(2).message()).startsWith("Invalid value: \"9-not-a-kind\": spec.controlPlaneRef.kind in"
                + " body should match '^[a-zA-Z]");
        assertThat(causes.get(3)).isEqualTo(new Cause("spec.availabilityGates[1]", Cause.DUPLICATE,
                "Duplicate value: {\"conditionType\":\"fulcrum.dev/Ready\"}"));
        assertThat(Cause.invalidMessage("Cluster.cluster.x-k8s.io", "Not_A_Name", causes))
                .startsWith("Cluster.cluster.x-k8s.io \"Not_A_Name\" is invalid: [metadata.name: Invalid value:");
    }

    @Test
    void preserveUnknownFieldsAcceptsAnything() {
        ObjectNode object = validCluster();
        element(object.withObjectProperty("spec").withObjectProperty("topology").withArrayProperty("variables"), 0)
                .withObjectProperty("value").put("whatever", "goes").putArray("deep").addObject().put("x", 1);

        assertThat(cluster.validate(object)).isEmpty();
    }

    @Test
    void validationRulesAreCountedNotEvaluated() {
        assertThat(cluster.skippedValidationRules()).isPositive();
    }

    @Test
    void defaultsAreApplied() {
        StructuralSchema dockerCluster = StructuralSchema.of(SharedCrds.schema(
                SharedCrds.crd("capd/infrastructure.cluster.x-k8s.io_dockerclusters.yaml"), "v1beta2"));
        ObjectNode object = yaml("""
                apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
                kind: DockerCluster
                metadata: {name: wc-0001}
                spec:
                  loadBalancer:
                    customHAProxyConfigTemplateRef: {}
                """);

        dockerCluster.applyDefaults(object);
        assertThat(object.at("/spec/loadBalancer/customHAProxyConfigTemplateRef/name").isString()).isTrue();
        assertThat(object.at("/spec/loadBalancer/customHAProxyConfigTemplateRef/name").asString()).isEmpty();
        assertThat(dockerCluster.validate(object)).isEmpty();
    }

    @Test
    void listSemanticsComeFromTheSchema() {
        ListSemantics spec = cluster.listSemantics().field("spec");

        assertThat(spec.field("availabilityGates").listType()).isEqualTo(ListSemantics.ListType.MAP);
        assertThat(spec.field("availabilityGates").listMapKeys()).containsExactly("conditionType");
        assertThat(spec.field("clusterNetwork").field("pods").field("cidrBlocks").listType())
                .isEqualTo(ListSemantics.ListType.ATOMIC);
        assertThat(cluster.listSemantics().field("metadata").field("finalizers").listType())
                .isEqualTo(ListSemantics.ListType.SET);
    }

    @Test
    void serverSideApplyMergesAListTypeMapByKey() {
        ApplyOptions alice = ApplyOptions.of("alice", "cluster.x-k8s.io/v1beta2")
                .withListSemantics(cluster.listSemantics());
        ApplyOptions bob = ApplyOptions.of("bob", "cluster.x-k8s.io/v1beta2").withListSemantics(cluster.listSemantics());
        String head = "apiVersion: cluster.x-k8s.io/v1beta2\nkind: Cluster\nmetadata: {name: c, namespace: default}\n";

        ObjectNode live = ServerSideApply.apply(null, yaml(head
                + "spec: {availabilityGates: [{conditionType: A, polarity: Positive}]}"), alice);
        live = ServerSideApply.apply(live, yaml(head + "spec: {availabilityGates: [{conditionType: B}]}"), bob);

        assertThat(live.at("/spec/availabilityGates"))
                .isEqualTo(yaml("g: [{conditionType: A, polarity: Positive}, {conditionType: B}]").get("g"));
        ObjectNode current = live;
        Assertions.assertThatThrownBy(() -> ServerSideApply.apply(current, yaml(head
                        + "spec: {availabilityGates: [{conditionType: A, polarity: Negative}]}"), bob))
                .isInstanceOfSatisfying(ApplyConflictException.class, e -> assertThat(e.conflicts())
                        .extracting(ApplyConflictException.Conflict::field)
                        .containsExactly(".spec.availabilityGates[conditionType=\"A\"].polarity"));
    }
}
