package dev.fulcrum.sandbox.patch;

import static dev.fulcrum.sandbox.patch.Trees.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StrategicMergePatchTest {

    private static final JsonNode DEPLOYMENT = node("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web, tier: front}
              finalizers: [a.dev/x]
            spec:
              replicas: 1
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 1}
              template:
                spec:
                  tolerations: [{key: a, operator: Exists}]
                  containers:
                  - name: app
                    image: app:1
                    args: [--a, --b]
                    env: [{name: A, value: "1"}, {name: B, value: "2"}]
                    ports: [{containerPort: 80}]
                  - name: sidecar
                    image: proxy:1
            """);

    private static JsonNode patch(String patch) {
        return StrategicMergePatch.apply(DEPLOYMENT, node(patch), "apps", "Deployment");
    }

    private static JsonNode containers(JsonNode deployment) {
        return deployment.at("/spec/template/spec/containers");
    }

    @Test
    void containersMergeByName() {
        JsonNode result = patch("""
                spec:
                  template:
                    spec:
                      containers:
                      - {name: app, image: app:2, env: [{name: B, value: "3"}, {name: C, value: "4"}]}
                      - {name: debug, image: busybox}
                """);

        assertThat(containers(result)).isEqualTo(node("""
                - name: app
                  image: app:2
                  args: [--a, --b]
                  env: [{name: A, value: "1"}, {name: B, value: "3"}, {name: C, value: "4"}]
                  ports: [{containerPort: 80}]
                - {name: debug, image: busybox}
                - {name: sidecar, image: proxy:1}
                """));
    }

    @Test
    void listsWithoutAMergeKeyAreReplaced() {
        JsonNode result = patch("""
                spec:
                  template:
                    spec:
                      tolerations: [{key: b, operator: Exists}]
                      containers: [{name: app, args: [--c]}]
                """);

        assertThat(result.at("/spec/template/spec/tolerations")).isEqualTo(node("[{key: b, operator: Exists}]"));
        assertThat(containers(result).get(0).get("args")).isEqualTo(node("[--c]"));
    }

    @Test
    void patchDeleteRemovesAnElementOrAnObject() {
        JsonNode result = patch("""
                spec:
                  strategy: {$patch: delete}
                  template:
                    spec:
                      containers: [{name: sidecar, $patch: delete}]
                """);

        assertThat(containers(result)).extracting(c -> c.get("name").asString()).containsExactly("app");
        assertThat(result.at("/spec").has("strategy")).isFalse();
    }

    @Test
    void patchReplaceReplacesAListOrAnObject() {
        JsonNode result = patch("""
                metadata:
                  labels: {only: this, $patch: replace}
                spec:
                  template:
                    spec:
                      containers: [{$patch: replace}, {name: solo, image: solo:1}]
                """);

        assertThat(containers(result)).isEqualTo(node("[{name: solo, image: solo:1}]"));
        assertThat(result.at("/metadata/labels")).isEqualTo(node("{only: this}"));
    }

    @Test
    void nullDeletesAndMapsMergeKeyByKey() {
        JsonNode result = patch("metadata: {labels: {tier: null, env: prod}}\nspec: {replicas: null}");

        assertThat(result.at("/metadata/labels")).isEqualTo(node("{app: web, env: prod}"));
        assertThat(result.at("/spec").has("replicas")).isFalse();
    }

    @Test
    void finalizersAreMergedAsASetAndCanBeDeletedFrom() {
        JsonNode added = patch("metadata: {finalizers: [a.dev/x, b.dev/y]}");
        assertThat(added.at("/metadata/finalizers")).isEqualTo(node("[a.dev/x, b.dev/y]"));

        JsonNode removed = StrategicMergePatch.apply(added,
                node("metadata: {$deleteFromPrimitiveList/finalizers: [a.dev/x]}"), "apps", "Deployment");
        assertThat(removed.at("/metadata/finalizers")).isEqualTo(node("[b.dev/y]"));
    }

    @Test
    void setElementOrderOrdersTheMergedList() {
        JsonNode result = patch("""
                spec:
                  template:
                    spec:
                      $setElementOrder/containers: [{name: sidecar}, {name: app}]
                      containers: [{name: app, image: app:3}]
                """);

        assertThat(containers(result)).extracting(c -> c.get("name").asString()).containsExactly("sidecar", "app");
        assertThat(containers(result).get(1).get("image").asString()).isEqualTo("app:3");
        assertThat(result.at("/spec/template/spec").has("$setElementOrder/containers")).isFalse();
    }

    @Test
    void setElementOrderAloneReordersTheLiveList() {
        JsonNode result = patch("""
                spec:
                  template:
                    spec:
                      $setElementOrder/containers: [{name: sidecar}, {name: app}]
                """);

        assertThat(containers(result)).extracting(c -> c.get("name").asString()).containsExactly("sidecar", "app");
    }

    @Test
    void serverOnlyElementsKeepTheirPlaceAmongPatchedOnes() {
        JsonNode result = patch("""
                spec:
                  template:
                    spec:
                      containers: [{name: sidecar, image: proxy:2}]
                """);

        assertThat(containers(result)).extracting(c -> c.get("name").asString()).containsExactly("app", "sidecar");
    }

    @Test
    void retainKeysClearsFieldsNotListed() {
        JsonNode result = patch("spec: {strategy: {type: Recreate, $retainKeys: [type]}}");

        assertThat(result.at("/spec/strategy")).isEqualTo(node("{type: Recreate}"));
        assertThatThrownBy(() -> patch("spec: {strategy: {type: Recreate, other: 1, $retainKeys: [type]}}"))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    @Test
    void nodeConditionsMergeByTypeAndTaintsAreReplaced() {
        JsonNode nodeObject = node("""
                apiVersion: v1
                kind: Node
                metadata: {name: n1}
                spec: {taints: [{key: a, effect: NoSchedule}]}
                status:
                  conditions: [{type: Ready, status: "False"}, {type: MemoryPressure, status: "False"}]
                """);
        JsonNode result = StrategicMergePatch.apply(nodeObject, node("""
                spec: {taints: [{key: b, effect: NoExecute}]}
                status: {conditions: [{type: Ready, status: "True"}]}
                """), "", "Node");

        assertThat(result.at("/status/conditions")).isEqualTo(node(
                "[{type: Ready, status: 'True'}, {type: MemoryPressure, status: 'False'}]"));
        assertThat(result.at("/spec/taints")).isEqualTo(node("[{key: b, effect: NoExecute}]"));
    }

    @Test
    void theKindCanComeFromTheObject() {
        JsonNode result = StrategicMergePatch.apply(DEPLOYMENT,
                node("spec: {template: {spec: {containers: [{name: sidecar, image: proxy:2}]}}}"));

        assertThat(containers(result)).extracting(c -> c.get("image").asString()).containsExactly("app:1", "proxy:2");
        assertThatThrownBy(() -> StrategicMergePatch.apply(node("{apiVersion: example.dev/v1, kind: Widget}"),
                node("{spec: {}}")))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(415));
    }

    @Test
    void customResourcesAreRejectedWith415() {
        assertThatThrownBy(() -> StrategicMergePatch.apply(node("{}"), node("{spec: {a: 1}}"), "cluster.x-k8s.io",
                "Cluster"))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(415))
                .hasMessageContaining("application/merge-patch+json");
    }

    @Test
    void malformedDirectivesAreRejectedWith400() {
        assertThatThrownBy(() -> patch("spec: {$patch: explode}"))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> patch("spec: {template: {spec: {containers: [{image: x}]}}}"))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
                .hasMessageContaining("merge key: name");
    }

    @Test
    void leavesItsInputsUntouched() {
        JsonNode before = DEPLOYMENT.deepCopy();
        patch("spec: {template: {spec: {containers: [{name: app, image: x}]}}}");

        assertThat(DEPLOYMENT).isEqualTo(before);
    }
}
