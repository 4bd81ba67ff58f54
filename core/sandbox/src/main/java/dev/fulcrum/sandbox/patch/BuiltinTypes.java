package dev.fulcrum.sandbox.patch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The patch metadata of the built-in kinds the sandbox serves: one table shared by {@link StrategicMergePatch} (its
 * {@code patchStrategy}/{@code patchMergeKey}) and {@link ServerSideApply} (its {@code listType}/{@code listMapKey}).
 *
 * <p>Facts carried over from the Kubernetes API types ({@code k8s.io/api}): containers, init/ephemeral containers, env,
 * volumes, imagePullSecrets (pod spec), schedulingGates, resourceClaims merge by {@code name}; container ports merge by
 * {@code containerPort} (apply keys: {@code containerPort}+{@code protocol}); service ports by {@code port} (apply:
 * {@code port}+{@code protocol}); volumeMounts by {@code mountPath}; volumeDevices by {@code devicePath}; hostAliases,
 * podIPs, hostIPs by {@code ip}; topologySpreadConstraints by {@code topologyKey} (apply: + {@code whenUnsatisfiable});
 * conditions by {@code type}; ownerReferences by {@code uid}; finalizers and node podCIDRs are sets. Lists the
 * API types mark atomic stay atomic: tolerations, node taints, envFrom, command/args, RBAC rules and subjects,
 * {@code Job} conditions and node addresses (those two still merge by {@code type} in a strategic merge patch). Any
 * list not in the table is atomic (replaced), as upstream for lists without a patch strategy.
 *
 * <p>Every position of a built-in kind is a struct except the free-form maps listed here (labels, annotations,
 * ConfigMap/Secret data, selectors, resource quantities, node capacity).
 */
public final class BuiltinTypes {

    private static final TypeNode STRING_MAP = TypeNode.map();

    private static final TypeNode OBJECT_META = TypeNode.struct(Map.of(
            "labels", STRING_MAP,
            "annotations", STRING_MAP,
            "finalizers", TypeNode.set(),
            "ownerReferences", TypeNode.keyedList("uid", TypeNode.STRUCT, "uid")));

    private static final TypeNode LABEL_SELECTOR = TypeNode.struct(Map.of("matchLabels", STRING_MAP));

    private static final TypeNode CONDITIONS = TypeNode.keyedList("type", TypeNode.STRUCT, "type");

    private static final TypeNode CONTAINER = TypeNode.struct(Map.of(
            "ports", TypeNode.keyedList("containerPort", TypeNode.STRUCT, "containerPort", "protocol"),
            "env", TypeNode.keyedList("name", TypeNode.STRUCT, "name"),
            "volumeMounts", TypeNode.keyedList("mountPath", TypeNode.STRUCT, "mountPath"),
            "volumeDevices", TypeNode.keyedList("devicePath", TypeNode.STRUCT, "devicePath"),
            "resources", TypeNode.struct(Map.of(
                    "limits", STRING_MAP,
                    "requests", STRING_MAP,
                    "claims", TypeNode.keyedList("name", TypeNode.STRUCT, "name")))));

    private static final TypeNode POD_SPEC = TypeNode.struct(Map.ofEntries(
            Map.entry("containers", TypeNode.keyedList("name", CONTAINER, "name")),
            Map.entry("initContainers", TypeNode.keyedList("name", CONTAINER, "name")),
            Map.entry("ephemeralContainers", TypeNode.keyedList("name", CONTAINER, "name")),
            Map.entry("volumes", TypeNode.keyedList("name", TypeNode.STRUCT, "name")),
            Map.entry("imagePullSecrets", TypeNode.keyedList("name", TypeNode.STRUCT, "name")),
            Map.entry("hostAliases", TypeNode.keyedList("ip", TypeNode.STRUCT, "ip")),
            Map.entry("schedulingGates", TypeNode.keyedList("name", TypeNode.STRUCT, "name")),
            Map.entry("resourceClaims", TypeNode.keyedList("name", TypeNode.STRUCT, "name")),
            Map.entry("topologySpreadConstraints", TypeNode.keyedList("topologyKey", TypeNode.STRUCT,
                    "topologyKey", "whenUnsatisfiable")),
            Map.entry("nodeSelector", STRING_MAP),
            Map.entry("overhead", STRING_MAP)));

    private static final TypeNode POD_TEMPLATE = TypeNode.struct(Map.of("metadata", OBJECT_META, "spec", POD_SPEC));

    private static final TypeNode POD_STATUS = TypeNode.struct(Map.of(
            "conditions", CONDITIONS,
            "podIPs", TypeNode.keyedList("ip", TypeNode.STRUCT, "ip"),
            "hostIPs", TypeNode.keyedList("ip", TypeNode.STRUCT, "ip")));

    private static final TypeNode WORKLOAD_SPEC = TypeNode.struct(Map.of(
            "selector", LABEL_SELECTOR, "template", POD_TEMPLATE));

    private static final TypeNode WORKLOAD_STATUS = TypeNode.struct(Map.of("conditions", CONDITIONS));

    private static final TypeNode JOB_SPEC = WORKLOAD_SPEC;

    private static final Map<String, TypeNode> KINDS = kinds();

    private static final TypeNode CUSTOM_RESOURCE = new TypeNode(TypeNode.Shape.STRUCT_OF_DEDUCED,
            Map.of("metadata", OBJECT_META), null, ListSemantics.ListType.ATOMIC, List.of(), null, false);

    private BuiltinTypes() {}

    private static Map<String, TypeNode> kinds() {
        Map<String, TypeNode> kinds = new LinkedHashMap<>();
        TypeNode plain = root(Map.of());
        for (String kind : List.of("Event", "Endpoints", "LimitRange", "ResourceQuota", "PersistentVolume",
                "PersistentVolumeClaim", "ReplicationController", "PodTemplate")) {
            kinds.put(key("", kind), plain);
        }
        kinds.put(key("", "Pod"), root(Map.of("spec", POD_SPEC, "status", POD_STATUS)));
        kinds.put(key("", "Node"), root(Map.of(
                "spec", TypeNode.struct(Map.of("podCIDRs", TypeNode.set())),
                "status", TypeNode.struct(Map.of(
                        "conditions", CONDITIONS,
                        "addresses", TypeNode.mergedButAtomic("type"),
                        "capacity", STRING_MAP,
                        "allocatable", STRING_MAP)))));
        kinds.put(key("", "Namespace"), root(Map.of("status", WORKLOAD_STATUS)));
        kinds.put(key("", "Service"), root(Map.of(
                "spec", TypeNode.struct(Map.of(
                        "ports", TypeNode.keyedList("port", TypeNode.STRUCT, "port", "protocol"),
                        "selector", STRING_MAP)),
                "status", WORKLOAD_STATUS)));
        kinds.put(key("", "ConfigMap"), root(Map.of("data", STRING_MAP, "binaryData", STRING_MAP)));
        kinds.put(key("", "Secret"), root(Map.of("data", STRING_MAP, "stringData", STRING_MAP)));
        kinds.put(key("", "ServiceAccount"), root(Map.of(
                "secrets", TypeNode.keyedList("name", TypeNode.STRUCT, "name"))));
        for (String kind : List.of("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet")) {
            kinds.put(key("apps", kind), root(Map.of("spec", WORKLOAD_SPEC, "status", WORKLOAD_STATUS)));
        }
        kinds.put(key("batch", "Job"), root(Map.of(
                "spec", JOB_SPEC,
                "status", TypeNode.struct(Map.of("conditions", TypeNode.mergedButAtomic("type"))))));
        kinds.put(key("batch", "CronJob"), root(Map.of("spec", TypeNode.struct(Map.of(
                "jobTemplate", TypeNode.struct(Map.of("metadata", OBJECT_META, "spec", JOB_SPEC)))))));
        for (String kind : List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding")) {
            kinds.put(key("rbac.authorization.k8s.io", kind), plain);
        }
        kinds.put(key("coordination.k8s.io", "Lease"), plain);
        kinds.put(key("events.k8s.io", "Event"), plain);
        kinds.put(key("apiextensions.k8s.io", "CustomResourceDefinition"), root(Map.of("status", WORKLOAD_STATUS)));
        return Map.copyOf(kinds);
    }

    private static TypeNode root(Map<String, TypeNode> fields) {
        Map<String, TypeNode> all = new LinkedHashMap<>(fields);
        all.put("metadata", OBJECT_META);
        return TypeNode.struct(all);
    }

    private static String key(String group, String kind) {
        return group + "/" + kind;
    }

    /**
     * @param group the API group ({@code ""} for core)
     * @param kind the kind, e.g. {@code Deployment}
     * @return the semantics of that built-in kind, or empty when it is not one (a custom resource)
     */
    public static Optional<ListSemantics> forKind(String group, String kind) {
        return Optional.ofNullable(KINDS.get(key(group == null ? "" : group, kind)));
    }

    /** @return whether the kind is a built-in kind that accepts strategic merge patches */
    public static boolean isBuiltin(String group, String kind) {
        return KINDS.containsKey(key(group == null ? "" : group, kind));
    }

    /** @return the semantics of {@code ObjectMeta} ({@code metadata} of every object, custom resources included) */
    public static ListSemantics objectMeta() {
        return OBJECT_META;
    }

    /**
     * @return the semantics of a custom resource without a schema: standard {@code metadata}, every other field a
     *     declared struct field whose contents are {@linkplain ListSemantics#deduced() deduced}
     */
    public static ListSemantics customResource() {
        return CUSTOM_RESOURCE;
    }

    /** Package view for strategic merge patch: the node for a kind, with its patch strategies. */
    static Optional<TypeNode> typeOf(String group, String kind) {
        return Optional.ofNullable(KINDS.get(key(group == null ? "" : group, kind)));
    }
}
