package dev.fulcrum.sandbox.patch;

import static dev.fulcrum.sandbox.patch.Trees.node;
import static dev.fulcrum.sandbox.patch.Trees.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ServerSideApplyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.750Z");
    private static final Instant T1 = Instant.parse("2026-01-01T11:00:00Z");

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cm
              namespace: default
            """;

    private static ObjectNode configMap(String data) {
        return object(CONFIG_MAP + "data:\n" + data.indent(2));
    }

    private static ApplyOptions as(String manager) {
        return ApplyOptions.of(manager, "v1").withNow(T0);
    }

    private static JsonNode managedFields(JsonNode object) {
        return object.path("metadata").path("managedFields");
    }

    private static JsonNode entryOf(JsonNode object, String manager) {
        for (JsonNode entry : managedFields(object)) {
            if (entry.path("manager").asString().equals(manager)) {
                return entry;
            }
        }
        return null;
    }

    private static List<String> managers(JsonNode object) {
        List<String> out = new ArrayList<>();
        managedFields(object).forEach(e -> out.add(e.path("manager").asString() + "/" + e.path("operation").asString()));
        return out;
    }

    @Test
    void createsTheObjectWithOneApplyEntry() {
        ObjectNode created = ServerSideApply.apply(null, object(CONFIG_MAP + """
                  labels: {app: web}
                data: {a: "1"}
                """), as("mgr"));

        assertThat(created.path("data")).isEqualTo(node("{a: '1'}"));
        assertThat(managedFields(created)).isEqualTo(node("""
                - manager: mgr
                  operation: Apply
                  apiVersion: v1
                  time: "2026-01-01T10:00:00Z"
                  fieldsType: FieldsV1
                  fieldsV1:
                    f:data: {f:a: {}}
                    f:metadata: {f:labels: {f:app: {}}}
                """));
    }

    @Test
    void reapplyingTheSameConfigurationChangesNothing() {
        ObjectNode first = ServerSideApply.apply(null, configMap("a: '1'"), as("mgr"));
        ObjectNode again = ServerSideApply.apply(first, configMap("a: '1'"), as("mgr").withNow(T1));

        assertThat(JsonValues.equal(again, first)).isTrue();
    }

    @Test
    void sameValueFromTwoManagersIsSharedOwnership() {
        ObjectNode live = ServerSideApply.apply(null, configMap("a: '1'"), as("alice"));
        ObjectNode shared = ServerSideApply.apply(live, configMap("a: '1'\nb: '2'"), as("bob"));

        assertThat(shared.path("data")).isEqualTo(node("{a: '1', b: '2'}"));
        assertThat(entryOf(shared, "alice").path("fieldsV1")).isEqualTo(node("f:data: {f:a: {}}"));
        assertThat(entryOf(shared, "bob").path("fieldsV1")).isEqualTo(node("f:data: {f:a: {}, f:b: {}}"));
    }

    @Test
    void differentValueOnAFieldAnotherApplierOwnsIsAConflict() {
        ObjectNode live = ServerSideApply.apply(null, configMap("a: '1'"), as("alice"));

        assertThatThrownBy(() -> ServerSideApply.apply(live, configMap("a: '2'"), as("bob")))
                .isInstanceOfSatisfying(ApplyConflictException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with \"alice\": .data.a");
                    assertThat(e.conflicts()).containsExactly(new ApplyConflictException.Conflict("\"alice\"", ".data.a"));
                    assertThat(e.conflicts().get(0).message()).isEqualTo("conflict with \"alice\"");
                });
    }

    @Test
    void severalConflictsAreListedPerManager() {
        ObjectNode live = ServerSideApply.apply(null, configMap("a: '1'\nb: '1'"), as("alice"));
        ObjectNode edited = ServerSideApply.recordUpdate(live, configMap("a: '1'\nb: '1'\nc: '1'"),
                UpdateOptions.of("kubectl-edit", "v1").withNow(T0));

        assertThatThrownBy(() -> ServerSideApply.apply(edited, configMap("a: '2'\nb: '2'\nc: '2'"), as("bob")))
                .isInstanceOfSatisfying(ApplyConflictException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("""
                            Apply failed with 3 conflicts: conflicts with "alice":
                            - .data.a
                            - .data.b
                            conflicts with "kubectl-edit" using v1:
                            - .data.c""");
                    assertThat(e.conflicts()).extracting(ApplyConflictException.Conflict::field)
                            .containsExactly(".data.a", ".data.b", ".data.c");
                });
    }

    @Test
    void forceTakesTheFieldOver() {
        ObjectNode live = ServerSideApply.apply(null, configMap("a: '1'\nb: '1'"), as("alice"));
        ObjectNode forced = ServerSideApply.apply(live, configMap("a: '2'"), as("bob").withForce(true));

        assertThat(forced.path("data")).isEqualTo(node("{a: '2', b: '1'}"));
        assertThat(entryOf(forced, "alice").path("fieldsV1")).isEqualTo(node("f:data: {f:b: {}}"));
        assertThat(entryOf(forced, "bob").path("fieldsV1")).isEqualTo(node("f:data: {f:a: {}}"));
    }

    @Test
    void aFieldTheManagerStopsApplyingIsRemovedWhenNobodyElseOwnsIt() {
        ObjectNode live = ServerSideApply.apply(null, configMap("a: '1'\nb: '2'"), as("alice"));
        ObjectNode after = ServerSideApply.apply(live, configMap("a: '1'"), as("alice").withNow(T1));

        assertThat(after.path("data")).isEqualTo(node("{a: '1'}"));
        assertThat(entryOf(after, "alice").path("time").asString()).isEqualTo("2026-01-01T11:00:00Z");
    }

    @Test
    void aFieldTheManagerStopsApplyingStaysWhenAnotherManagerOwnsIt() {
        ObjectNode live = ServerSideApply.apply(null, configMap("a: '1'\nb: '2'"), as("alice"));
        live = ServerSideApply.apply(live, configMap("b: '2'"), as("bob"));
        ObjectNode after = ServerSideApply.apply(live, configMap("a: '1'"), as("alice"));

        assertThat(after.path("data")).isEqualTo(node("{a: '1', b: '2'}"));
        assertThat(entryOf(after, "alice").path("fieldsV1")).isEqualTo(node("f:data: {f:a: {}}"));
        assertThat(entryOf(after, "bob").path("fieldsV1")).isEqualTo(node("f:data: {f:b: {}}"));
    }

    @Test
    void parentsLeftEmptyByRemovalArePruned() {
        String cr = """
                apiVersion: example.dev/v1
                kind: Widget
                metadata: {name: w}
                """;
        ApplyOptions options = ApplyOptions.of("alice", "example.dev/v1").withNow(T0);
        ObjectNode live = ServerSideApply.apply(null, object(cr + "spec: {size: {cpu: 1}, keep: true}"), options);
        ObjectNode after = ServerSideApply.apply(live, object(cr + "spec: {keep: true}"), options);

        assertThat(after.path("spec")).isEqualTo(node("{keep: true}"));
        ObjectNode dropped = ServerSideApply.apply(after, object(cr), options);
        assertThat(dropped.has("spec")).isFalse();
        assertThat(managedFields(dropped).isMissingNode()).isTrue();
    }

    @Test
    void containersMergeByNameAcrossManagers() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  template:
                    spec:
                      containers:
                """;
        ApplyOptions alice = ApplyOptions.of("alice", "apps/v1").withNow(T0);
        ApplyOptions bob = ApplyOptions.of("bob", "apps/v1").withNow(T0);
        ObjectNode live = ServerSideApply.apply(null, object(deployment + "      - {name: app, image: app:1}"), alice);
        live = ServerSideApply.apply(live, object(deployment + "      - {name: sidecar, image: proxy:1}"), bob);

        assertThat(live.at("/spec/template/spec/containers")).isEqualTo(node("""
                [{name: app, image: app:1}, {name: sidecar, image: proxy:1}]"""));
        assertThat(entryOf(live, "alice").path("fieldsV1")).isEqualTo(node("""
                f:spec: {f:template: {f:spec: {f:containers: {'k:{"name":"app"}': {'.': {}, f:image: {}, f:name: {}}}}}}"""));

        ObjectNode current = live;
        assertThatThrownBy(() -> ServerSideApply.apply(current,
                object(deployment + "      - {name: app, image: app:2}"), bob))
                .isInstanceOfSatisfying(ApplyConflictException.class, e -> assertThat(e.conflicts())
                        .extracting(ApplyConflictException.Conflict::field)
                        .containsExactly(".spec.template.spec.containers[name=\"app\"].image"));

        ObjectNode without = ServerSideApply.apply(live, object(deployment + "      - {name: app, image: app:1}")
                .put("kind", "Deployment"), bob);
        assertThat(without.at("/spec/template/spec/containers")).isEqualTo(node("[{name: app, image: app:1}]"));
    }

    @Test
    void containerPortsAreKeyedByPortAndProtocol() {
        ObjectNode pod = ServerSideApply.apply(null, object("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: app
                    ports:
                    - {containerPort: 53, protocol: UDP}
                    - {containerPort: 53, protocol: TCP}
                """), as("mgr"));

        assertThat(entryOf(pod, "mgr").at("/fieldsV1/f:spec/f:containers/k:{\"name\":\"app\"}/f:ports"))
                .isEqualTo(node("""
                        'k:{"containerPort":53,"protocol":"TCP"}': {'.': {}, f:containerPort: {}, f:protocol: {}}
                        'k:{"containerPort":53,"protocol":"UDP"}': {'.': {}, f:containerPort: {}, f:protocol: {}}
                        """));
    }

    @Test
    void atomicListsAreReplacedWhole() {
        String cr = "apiVersion: example.dev/v1\nkind: Widget\nmetadata: {name: w}\n";
        ApplyOptions alice = ApplyOptions.of("alice", "example.dev/v1").withNow(T0);
        ObjectNode live = ServerSideApply.apply(null, object(cr + "spec: {items: [a, b]}"), alice);
        ObjectNode after = ServerSideApply.apply(live, object(cr + "spec: {items: [c]}"),
                ApplyOptions.of("bob", "example.dev/v1").withForce(true).withNow(T0));

        assertThat(after.at("/spec/items")).isEqualTo(node("[c]"));
        assertThat(entryOf(after, "bob").path("fieldsV1")).isEqualTo(node("f:spec: {f:items: {}}"));
        assertThat(entryOf(after, "alice")).isNull();
    }

    @Test
    void finalizersAreASetOwnedPerValue() {
        ObjectNode live = ServerSideApply.apply(null, object(CONFIG_MAP + "  finalizers: [a.dev/x]"), as("alice"));
        live = ServerSideApply.apply(live, object(CONFIG_MAP + "  finalizers: [b.dev/y]"), as("bob"));

        assertThat(live.at("/metadata/finalizers")).isEqualTo(node("[a.dev/x, b.dev/y]"));
        assertThat(entryOf(live, "bob").path("fieldsV1"))
                .isEqualTo(node("f:metadata: {f:finalizers: {'v:\"b.dev/y\"': {}}}"));
        ObjectNode removed = ServerSideApply.apply(live, object(CONFIG_MAP), as("alice"));
        assertThat(removed.at("/metadata/finalizers")).isEqualTo(node("[b.dev/y]"));
    }

    @Test
    void anUpdateTakesFieldsAndALaterApplyConflictsWithIt() {
        ObjectNode applied = ServerSideApply.apply(null, configMap("a: '1'"), as("alice"));
        ObjectNode edited = applied.deepCopy();
        ((ObjectNode) edited.get("data")).put("a", "2");
        ObjectNode updated = ServerSideApply.recordUpdate(applied, edited, "kubectl-edit", "v1", null, T1);

        assertThat(managers(updated)).containsExactly("kubectl-edit/Update");
        assertThat(entryOf(updated, "kubectl-edit")).isEqualTo(node("""
                manager: kubectl-edit
                operation: Update
                apiVersion: v1
                time: "2026-01-01T11:00:00Z"
                fieldsType: FieldsV1
                fieldsV1: {f:data: {f:a: {}}}
                """));
        assertThatThrownBy(() -> ServerSideApply.apply(updated, configMap("a: '1'"), as("alice")))
                .isInstanceOf(ApplyConflictException.class)
                .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using v1: .data.a");
    }

    @Test
    void anUpdateOwnsNewMapsAndListElementsThemselves() {
        ObjectNode created = ServerSideApply.recordUpdate(null, object("""
                apiVersion: example.dev/v1
                kind: Widget
                metadata: {name: w, labels: {app: web}}
                spec: {replicas: 1}
                """), UpdateOptions.of("fabric8", "example.dev/v1").withNow(T0));

        assertThat(entryOf(created, "fabric8").path("fieldsV1")).isEqualTo(node("""
                f:metadata: {f:labels: {'.': {}, f:app: {}}}
                f:spec: {'.': {}, f:replicas: {}}
                """));
    }

    @Test
    void anUnchangedUpdateRecordsNothing() {
        ObjectNode applied = ServerSideApply.apply(null, configMap("a: '1'"), as("alice"));
        ObjectNode same = ServerSideApply.recordUpdate(applied, applied, "kubectl", "v1", null, T1);

        assertThat(same).isEqualTo(applied);
    }

    @Test
    void applyingToAnObjectWithoutManagedFieldsConflictsWithItsExistingFields() {
        ObjectNode legacy = configMap("a: '1'");

        assertThatThrownBy(() -> ServerSideApply.apply(legacy, configMap("a: '2'"), as("alice")))
                .hasMessage("Apply failed with 1 conflict: conflict with \"before-first-apply\" using v1: .data.a");
        ObjectNode shared = ServerSideApply.apply(legacy, configMap("a: '1'"), as("alice"));
        assertThat(managers(shared)).containsExactly("alice/Apply", "before-first-apply/Update");
    }

    @Nested
    class UpgradeFromClientSideApply {

        /** A ConfigMap as `kubectl apply` (client-side) leaves it: annotation plus an Update entry. */
        private ObjectNode clientSideApplied(String liveValue) {
            ObjectNode cm = configMap("a: '" + liveValue + "'");
            cm.withObjectProperty("metadata").withObjectProperty("annotations").put(
                    "kubectl.kubernetes.io/last-applied-configuration",
                    "{\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\"},\"kind\":\"ConfigMap\","
                            + "\"metadata\":{\"name\":\"cm\",\"namespace\":\"default\"}}");
            return ServerSideApply.recordUpdate(null, cm, "kubectl-client-side-apply", "v1", null, T0);
        }

        @Test
        void kubectlTakesOverFieldsItAppliedClientSide() {
            ObjectNode upgraded = ServerSideApply.apply(clientSideApplied("1"), configMap("a: '2'"), as("kubectl"));

            assertThat(upgraded.at("/data/a").asString()).isEqualTo("2");
            assertThat(upgraded.at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration")
                    .asString()).isEqualTo("{\"apiVersion\":\"v1\",\"data\":{\"a\":\"2\"},\"kind\":\"ConfigMap\","
                            + "\"metadata\":{\"name\":\"cm\",\"namespace\":\"default\"}}");
            assertThat(entryOf(upgraded, "kubectl").path("fieldsV1")).isEqualTo(node("f:data: {f:a: {}}"));
        }

        @Test
        void otherManagersAndDriftedValuesStillConflict() {
            assertThatThrownBy(() -> ServerSideApply.apply(clientSideApplied("1"), configMap("a: '2'"), as("helm")))
                    .isInstanceOf(ApplyConflictException.class);
            assertThatThrownBy(() -> ServerSideApply.apply(clientSideApplied("5"), configMap("a: '2'"),
                    as("kubectl")))
                    .isInstanceOf(ApplyConflictException.class)
                    .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1:"
                            + " .data.a");
        }
    }

    @Nested
    class StatusSubresource {

        private final String widget = "apiVersion: example.dev/v1\nkind: Widget\nmetadata: {name: w}\n";

        private ApplyOptions options(String manager) {
            return ApplyOptions.of(manager, "example.dev/v1").withNow(T0);
        }

        @Test
        void applyingStatusLeavesSpecAlone() {
            ObjectNode live = ServerSideApply.apply(null, object(widget + "spec: {size: 1}"), options("user"));
            ObjectNode after = ServerSideApply.apply(live, object(widget + "spec: {size: 5}\nstatus: {ready: true}"),
                    options("controller").withSubresource("status"));

            assertThat(after.path("spec")).isEqualTo(node("{size: 1}"));
            assertThat(after.path("status")).isEqualTo(node("{ready: true}"));
            assertThat(entryOf(after, "controller")).isEqualTo(node("""
                    manager: controller
                    operation: Apply
                    apiVersion: example.dev/v1
                    time: "2026-01-01T10:00:00Z"
                    fieldsType: FieldsV1
                    fieldsV1: {f:status: {f:ready: {}}}
                    subresource: status
                    """));
        }

        @Test
        void theMainResourceIgnoresStatus() {
            ObjectNode live = ServerSideApply.apply(null, object(widget + "spec: {size: 1}\nstatus: {ready: true}"),
                    options("user"));

            assertThat(live.has("status")).isFalse();
            assertThat(entryOf(live, "user").path("fieldsV1")).isEqualTo(node("f:spec: {f:size: {}}"));
        }

        @Test
        void withoutAStatusSubresourceStatusIsAnOrdinaryField() {
            ObjectNode live = ServerSideApply.apply(null, object(widget + "status: {ready: true}"),
                    options("user").withStatusSubresource(false));

            assertThat(live.path("status")).isEqualTo(node("{ready: true}"));
        }
    }

    @Nested
    class Validation {

        @Test
        void managedFieldsInTheBodyAreRejectedWith400() {
            ObjectNode body = object(CONFIG_MAP + "  managedFields: []");
            assertThatThrownBy(() -> ServerSideApply.apply(null, body, as("mgr")))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
                    .hasMessage("metadata.managedFields must be nil");
        }

        @Test
        void aFieldManagerIsRequired() {
            assertThatThrownBy(() -> ServerSideApply.apply(null, configMap("a: '1'"), as(" ")))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(422))
                    .hasMessageContaining("fieldManager: Required value");
        }

        @Test
        void theBodyMustNameTheRequestVersionAndAKind() {
            assertThatThrownBy(() -> ServerSideApply.apply(null, configMap("a: '1'"),
                    ApplyOptions.of("mgr", "v2")))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
                    .hasMessage("Incorrect version specified in apply patch. Specified patch version: v1, expected: v2");
            ObjectNode kindless = configMap("a: '1'");
            kindless.remove("kind");
            assertThatThrownBy(() -> ServerSideApply.apply(null, kindless, as("mgr")))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        }

        @Test
        void systemMetadataInTheBodyIsNotMerged() {
            ObjectNode live = ServerSideApply.apply(null, configMap("a: '1'"), as("mgr"));
            live.withObjectProperty("metadata").put("uid", "u-1").put("resourceVersion", "7");
            ObjectNode after = ServerSideApply.apply(live, object(CONFIG_MAP + """
                      uid: forged
                      resourceVersion: "3"
                    data: {a: '1'}
                    """), as("mgr"));

            assertThat(after.at("/metadata/uid").asString()).isEqualTo("u-1");
            assertThat(after.at("/metadata/resourceVersion").asString()).isEqualTo("7");
        }
    }

    @Nested
    class ManagedFieldsEncoding {

        /** A managedFields list as kube-apiserver writes it for `kubectl create deployment` plus a scale. */
        private final String upstream = """
                - manager: kubectl-create
                  operation: Update
                  apiVersion: apps/v1
                  time: "2026-01-01T09:00:00Z"
                  fieldsType: FieldsV1
                  fieldsV1:
                    f:metadata:
                      f:labels: {'.': {}, f:app: {}}
                    f:spec:
                      f:progressDeadlineSeconds: {}
                      f:selector: {}
                      f:strategy:
                        f:rollingUpdate: {'.': {}, f:maxSurge: {}, f:maxUnavailable: {}}
                        f:type: {}
                      f:template:
                        f:spec:
                          f:containers:
                            'k:{"name":"nginx"}': {'.': {}, f:image: {}, f:name: {}}
                - manager: kubectl
                  operation: Update
                  apiVersion: apps/v1
                  time: "2026-01-01T09:30:00Z"
                  fieldsType: FieldsV1
                  fieldsV1: {f:spec: {f:replicas: {}}}
                  subresource: scale
                """;

        @Test
        void decodesAndEncodesUpstreamEntriesUnchanged() {
            JsonNode list = node(upstream);
            assertThat(ManagedFields.decode(list).encode()).isEqualTo(list);
        }

        @Test
        void encodesEntriesInUpstreamOrder() {
            ObjectNode live = ServerSideApply.apply(null, configMap("a: '1'"), as("zed").withNow(T1));
            ObjectNode edited = ServerSideApply.recordUpdate(live, configMap("a: '1'\nb: '2'"),
                    UpdateOptions.of("early", "v1").withNow(T0));
            edited = ServerSideApply.apply(edited, configMap("a: '1'"), as("alpha").withNow(T1));

            assertThat(managers(edited)).containsExactly("alpha/Apply", "zed/Apply", "early/Update");
        }

        @Test
        void anUpdateKeepsOwnershipSentInTheBodyOrResetsItOnRequest() {
            ObjectNode live = ServerSideApply.apply(null, configMap("a: '1'"), as("alice"));
            ObjectNode reset = configMap("a: '1'");
            reset.withObjectProperty("metadata").putArray("managedFields");
            ObjectNode cleared = ServerSideApply.recordUpdate(live, reset, "kubectl", "v1", null, T1);

            assertThat(managedFields(cleared).isMissingNode()).isTrue();
            ObjectNode kept = ServerSideApply.recordUpdate(live, configMap("a: '1'"), "kubectl", "v1", null, T1);
            assertThat(managedFields(kept)).isEqualTo(managedFields(live));
        }
    }
}
