package dev.fulcrum.sandbox.schema;

import static dev.fulcrum.sandbox.schema.SharedCrds.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.sandbox.schema.OpenApiDocuments.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiDocumentsTest {

    private static final List<Resource> BUILTINS = List.of(
            Resource.builtin("", "v1", "Secret", "secrets", true),
            Resource.builtin("", "v1", "Namespace", "namespaces", false, "status"),
            Resource.builtin("apps", "v1", "Deployment", "deployments", true, "status", "scale"));

    private static OpenApiDocuments withCluster() {
        List<Resource> resources = new ArrayList<>(BUILTINS);
        resources.addAll(Resource.fromCrd(SharedCrds.crd("cluster-api/cluster.x-k8s.io_clusters.yaml")));
        return OpenApiDocuments.of(resources);
    }

    /** The check kubectl's query-param verifier makes (cli-runtime query_param_verifier_v3.go), re-stated. */
    private static boolean supportsFieldValidation(JsonNode document, String group, String version, String kind) {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            JsonNode patch = path.getValue().get("patch");
            if (patch == null) {
                continue;
            }
            JsonNode gvk = patch.path("x-kubernetes-group-version-kind");
            if (!gvk.path("group").asString().equals(group) || !gvk.path("version").asString().equals(version)
                    || !gvk.path("kind").asString().equals(kind)) {
                continue;
            }
            for (JsonNode parameter : patch.path("parameters")) {
                if ("fieldValidation".equals(parameter.path("name").asString())
                        && "query".equals(parameter.path("in").asString())) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }

    @Test
    void theIndexListsEveryGroupVersionWithAHashedUrl() {
        OpenApiDocuments documents = withCluster();
        JsonNode paths = documents.index().path("paths");

        assertThat(paths.propertyNames()).containsExactly("api/v1", "apis/apps/v1", "apis/cluster.x-k8s.io/v1beta1",
                "apis/cluster.x-k8s.io/v1beta2");
        String hash = documents.hash("apis/cluster.x-k8s.io/v1beta2").orElseThrow();
        assertThat(hash).matches("[0-9A-F]{128}");
        assertThat(paths.path("apis/cluster.x-k8s.io/v1beta2").path("serverRelativeURL").asString())
                .isEqualTo("/openapi/v3/apis/cluster.x-k8s.io/v1beta2?hash=" + hash);
    }

    @Test
    void aCustomResourceDocumentCarriesItsSchemaUnderTheUpstreamName() {
        JsonNode document = withCluster().document("apis/cluster.x-k8s.io/v1beta2").orElseThrow();
        JsonNode cluster = document.at("/components/schemas/io.x-k8s.cluster.v1beta2.Cluster");

        assertThat(cluster.path("x-kubernetes-group-version-kind"))
                .isEqualTo(yaml("g: [{group: cluster.x-k8s.io, kind: Cluster, version: v1beta2}]").get("g"));
        assertThat(cluster.at("/properties/spec/properties/topology/properties/version/type").asString())
                .isEqualTo("string");
        assertThat(cluster.at("/properties/metadata/allOf/0/$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(document.at("/components/schemas/io.x-k8s.cluster.v1beta2.ClusterList/x-kubernetes-group-version-kind"
                + "/0/kind").asString()).isEqualTo("ClusterList");
        assertThat(document.path("paths").has("/apis/cluster.x-k8s.io/v1beta2/namespaces/{namespace}/clusters/{name}/status"))
                .isTrue();
    }

    @Test
    void builtinsHavePermissiveSchemasWithTheirGroupVersionKind() {
        OpenApiDocuments documents = withCluster();
        JsonNode core = documents.document("api/v1").orElseThrow();
        JsonNode apps = documents.document("apis/apps/v1").orElseThrow();

        assertThat(core.at("/components/schemas/io.k8s.api.core.v1.Secret/x-kubernetes-group-version-kind/0"))
                .isEqualTo(yaml("{group: '', kind: Secret, version: v1}"));
        assertThat(core.at("/components/schemas/io.k8s.api.core.v1.Secret/x-kubernetes-preserve-unknown-fields")
                .asBoolean()).isTrue();
        assertThat(apps.at("/components/schemas/io.k8s.api.apps.v1.Deployment/x-kubernetes-group-version-kind/0/kind")
                .asString()).isEqualTo("Deployment");
        assertThat(core.path("paths").has("/api/v1/namespaces/{name}/status")).isTrue();
        assertThat(apps.path("paths").has("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale")).isTrue();
    }

    @Test
    void everyKindAdvertisesFieldValidationOnPatchSoKubectlValidatesOnTheServer() {
        OpenApiDocuments documents = withCluster();

        assertThat(supportsFieldValidation(documents.document("api/v1").orElseThrow(), "", "v1", "Secret")).isTrue();
        assertThat(supportsFieldValidation(documents.document("apis/apps/v1").orElseThrow(), "apps", "v1",
                "Deployment")).isTrue();
        assertThat(supportsFieldValidation(documents.document("apis/cluster.x-k8s.io/v1beta2").orElseThrow(),
                "cluster.x-k8s.io", "v1beta2", "Cluster")).isTrue();
        assertThat(supportsFieldValidation(documents.document("api/v1").orElseThrow(), "", "v1", "ConfigMap"))
                .isFalse();
    }

    @Test
    void builtinPatchOperationsLeaveOutStrategicMergeSoKubectlUsesItsCompiledTypes() {
        JsonNode patch = withCluster().document("apis/apps/v1").orElseThrow()
                .path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("patch");

        assertThat(patch.path("requestBody").path("content").propertyNames()).containsExactly(
                "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml");
    }

    @Test
    void documentsAreDeterministicAndChangeWithTheirResources() {
        OpenApiDocuments first = withCluster();
        OpenApiDocuments second = withCluster();
        List<Resource> more = new ArrayList<>(BUILTINS);
        more.add(Resource.builtin("", "v1", "ConfigMap", "configmaps", true));
        OpenApiDocuments third = OpenApiDocuments.of(more);

        assertThat(second.index()).isEqualTo(first.index());
        assertThat(third.hash("api/v1")).isNotEqualTo(first.hash("api/v1"));
        assertThat(third.hash("apis/apps/v1")).isEqualTo(first.hash("apis/apps/v1"));
        assertThat(first.document("apis/nothing/v1")).isEmpty();
    }

    @Test
    void aCrdContributesItsServedVersionsOnly() {
        List<Resource> resources = Resource.fromCrd(yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.dev}
                spec:
                  group: example.dev
                  scope: Cluster
                  names: {kind: Widget, plural: widgets}
                  versions:
                  - {name: v1, served: true, storage: true, subresources: {status: {}}}
                  - {name: v0, served: false, storage: false}
                """));

        assertThat(resources).hasSize(1);
        Resource widget = resources.get(0);
        assertThat(widget.namespaced()).isFalse();
        assertThat(widget.subresources()).containsExactly("status");
        assertThat(OpenApiDocuments.of(resources).document("apis/example.dev/v1").orElseThrow()
                .path("paths").has("/apis/example.dev/v1/widgets/{name}/status")).isTrue();
        assertThat(OpenApiDocuments.of(resources).document("apis/example.dev/v1").orElseThrow()
                .at("/components/schemas/dev.example.v1.Widget/x-kubernetes-preserve-unknown-fields").asBoolean())
                .isTrue();
    }
}
