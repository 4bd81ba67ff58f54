package dev.fulcrum.sandbox.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 documents of one cluster: the root index ({@code GET /openapi/v3}) and one document per group-version
 * ({@code GET /openapi/v3/api/v1}, {@code /openapi/v3/apis/<group>/<version>}).
 *
 * <h2>What kubectl needs, and what these documents give it</h2>
 * {@code kubectl apply/create} (default {@code --validate=strict}) reads the index, then the group-version document,
 * and asks whether a PATCH operation carries {@code x-kubernetes-group-version-kind} equal to the object's GVK and a
 * {@code fieldValidation} query parameter. Every resource here has such operations, so kubectl sends
 * {@code fieldValidation=Strict} and leaves validation to the server instead of validating on the client.
 *
 * <p>Client-side {@code kubectl apply} of a built-in kind takes strategic-merge metadata from OpenAPI v3 only when
 * the PATCH operation lists {@code application/strategic-merge-patch+json}; built-in schemas here are permissive, so
 * that media type is deliberately left out: kubectl then falls back to its compiled-in Go types, which carry the real
 * merge keys. (The server still accepts strategic merge patches.) Custom resources list the media types
 * kube-apiserver accepts for them: JSON patch, merge patch and apply.
 *
 * <h2>Schemas</h2>
 * {@code components.schemas} are keyed as kube-apiserver keys them: {@code io.k8s.api.core.v1.Secret},
 * {@code io.k8s.api.apps.v1.Deployment}, {@code io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.
 * CustomResourceDefinition}; a CRD's kind by its reversed group, e.g. {@code io.x-k8s.cluster.v1beta2.Cluster}. Each
 * carries {@code x-kubernetes-group-version-kind}. A CRD's schema is its {@code openAPIV3Schema} with
 * {@code metadata} pointing at {@code ObjectMeta}; built-in kinds get a permissive object schema.
 *
 * <p>The index links each document as {@code /openapi/v3/<path>?hash=<SHA-512 of the document>}: a server-relative
 * URL without the cluster's path prefix, which clients prepend themselves. Documents are deterministic. Immutable and
 * thread-safe; build a new instance when the set of resources changes.
 */
public final class OpenApiDocuments {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String LIST_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
    private static final String PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    private static final String STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    private static final String DELETE_OPTIONS = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
    private static final List<String> JSON_TYPES = List.of("application/json", "application/yaml");
    /** Advertised for every kind; strategic merge patch is left out on purpose (see the class comment). */
    private static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
            "application/merge-patch+json", "application/apply-patch+yaml");

    /**
     * One served resource.
     *
     * @param group API group, {@code ""} for core
     * @param version API version, e.g. {@code v1beta2}
     * @param kind the kind
     * @param plural the resource name in URLs
     * @param namespaced whether it lives in namespaces
     * @param subresources served subresources among {@code status} and {@code scale}
     * @param schema the {@code openAPIV3Schema} of a custom resource; {@code null} for built-in kinds
     */
    public record Resource(String group, String version, String kind, String plural, boolean namespaced,
            Set<String> subresources, JsonNode schema) {

        public Resource {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(plural, "plural");
            subresources = Set.copyOf(subresources);
            if (schema != null && !schema.isObject()) {
                throw new IllegalArgumentException("the schema of " + kind + " must be a JSON object");
            }
        }

        /** A built-in kind, e.g. {@code builtin("apps", "v1", "Deployment", "deployments", true, "status", "scale")}. */
        public static Resource builtin(String group, String version, String kind, String plural, boolean namespaced,
                String... subresources) {
            return new Resource(group, version, kind, plural, namespaced, Set.of(subresources), null);
        }

        /**
         * The resources a {@code CustomResourceDefinition} serves: one per version with {@code served: true}.
         *
         * @throws IllegalArgumentException when {@code spec.group}, {@code spec.names.kind} or {@code plural} is missing
         */
        public static List<Resource> fromCrd(JsonNode crd) {
            JsonNode spec = crd.path("spec");
            String group = spec.path("group").asString("");
            String kind = spec.path("names").path("kind").asString("");
            String plural = spec.path("names").path("plural").asString("");
            if (group.isEmpty() || kind.isEmpty() || plural.isEmpty()) {
                throw new IllegalArgumentException("a CRD needs spec.group, spec.names.kind and spec.names.plural");
            }
            boolean namespaced = !"Cluster".equals(spec.path("scope").asString("Namespaced"));
            List<Resource> out = new ArrayList<>();
            for (JsonNode version : spec.path("versions")) {
                if (!version.path("served").asBoolean(false)) {
                    continue;
                }
                List<String> subresources = new ArrayList<>();
                version.path("subresources").propertyNames().forEach(subresources::add);
                JsonNode schema = version.path("schema").path("openAPIV3Schema");
                out.add(new Resource(group, version.path("name").asString(), kind, plural, namespaced,
                        Set.copyOf(subresources),
                        schema.isObject() ? schema : NODES.objectNode().put("type", "object")
                                .put("x-kubernetes-preserve-unknown-fields", true)));
            }
            return out;
        }

        boolean custom() {
            return schema != null;
        }

        /** @return {@code api/v1} or {@code apis/<group>/<version>} */
        String groupVersionPath() {
            return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
        }

        /** @return the schema name kube-apiserver publishes this kind under */
        String definitionName() {
            return definitionPrefix() + "." + version + "." + kind;
        }

        private String definitionPrefix() {
            if (custom()) {
                List<String> labels = new ArrayList<>(List.of(group.split("\\.")));
                java.util.Collections.reverse(labels);
                return String.join(".", labels);
            }
            if (group.isEmpty()) {
                return "io.k8s.api.core";
            }
            if ("apiextensions.k8s.io".equals(group)) {
                return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions";
            }
            if ("apiregistration.k8s.io".equals(group)) {
                return "io.k8s.kube-aggregator.pkg.apis.apiregistration";
            }
            return "io.k8s.api." + group.split("\\.")[0];
        }
    }

    private final Map<String, ObjectNode> documents;
    private final Map<String, String> hashes;
    private final ObjectNode index;

    private OpenApiDocuments(Map<String, ObjectNode> documents) {
        this.documents = documents;
        Map<String, String> digests = new TreeMap<>();
        ObjectNode paths = NODES.objectNode();
        documents.forEach((path, document) -> {
            String hash = sha512(document.toString());
            digests.put(path, hash);
            paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash);
        });
        this.hashes = Map.copyOf(digests);
        this.index = NODES.objectNode();
        this.index.set("paths", paths);
    }

    /** Builds the documents for a set of resources (built-in kinds and custom resources alike). */
    public static OpenApiDocuments of(Collection<Resource> resources) {
        Map<String, List<Resource>> byGroupVersion = new TreeMap<>();
        for (Resource resource : resources) {
            byGroupVersion.computeIfAbsent(resource.groupVersionPath(), k -> new ArrayList<>()).add(resource);
        }
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        byGroupVersion.forEach((path, members) -> {
            members.sort(Comparator.comparing(Resource::plural));
            documents.put(path, document(members));
        });
        return new OpenApiDocuments(documents);
    }

    /** @return the index served at {@code /openapi/v3}: {@code {"paths": {"apis/g/v": {"serverRelativeURL": …}}}} */
    public JsonNode index() {
        return index.deepCopy();
    }

    /**
     * @param groupVersionPath {@code api/v1} or {@code apis/<group>/<version>}
     * @return the document, or empty when no resource of that group-version is served
     */
    public Optional<JsonNode> document(String groupVersionPath) {
        ObjectNode document = documents.get(groupVersionPath);
        return document == null ? Optional.empty() : Optional.of(document.deepCopy());
    }

    /** @return the hash in the index for a group-version (usable as an ETag), or empty when not served */
    public Optional<String> hash(String groupVersionPath) {
        return Optional.ofNullable(hashes.get(groupVersionPath));
    }

    /** @return the served group-version paths, sorted */
    public Set<String> groupVersionPaths() {
        return documents.keySet();
    }

    private static ObjectNode document(List<Resource> resources) {
        ObjectNode document = NODES.objectNode();
        document.put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes").put("version", "unversioned");
        ObjectNode paths = document.putObject("paths");
        ObjectNode schemas = document.putObject("components").putObject("schemas");
        for (Resource resource : resources) {
            addPaths(paths, resource);
            schemas.set(resource.definitionName(), kindSchema(resource));
            schemas.set(resource.definitionName() + "List", listSchema(resource));
        }
        for (String common : List.of(OBJECT_META, LIST_META, STATUS, DELETE_OPTIONS)) {
            schemas.set(common, NODES.objectNode().put("type", "object")
                    .put("x-kubernetes-preserve-unknown-fields", true));
        }
        schemas.putObject(PATCH).put("type", "object")
                .put("description", "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.");
        return document;
    }

    private static void addPaths(ObjectNode paths, Resource r) {
        String base = "/" + r.groupVersionPath();
        String collection = base + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural();
        String item = collection + "/{name}";
        String scope = r.namespaced() ? "Namespaced" : "";
        String ref = "#/components/schemas/" + r.definitionName();

        ObjectNode list = paths.putObject(collection);
        list.set("get", operation(r, "list", "list" + scope + r.kind(), ref + "List", List.of(), null));
        list.set("post", operation(r, "post", "create" + scope + r.kind(), ref, writeParameters(), JSON_TYPES));
        list.set("parameters", pathParameters(r.namespaced(), false));
        if (r.namespaced()) {
            ObjectNode all = paths.putObject(base + "/" + r.plural());
            all.set("get", operation(r, "list", "list" + r.kind() + "ForAllNamespaces", ref + "List", List.of(), null));
        }
        addItemPath(paths.putObject(item), r, "", scope, ref);
        for (String subresource : List.of("status", "scale")) {
            if (r.subresources().contains(subresource)) {
                String suffix = Character.toUpperCase(subresource.charAt(0)) + subresource.substring(1);
                addItemPath(paths.putObject(item + "/" + subresource), r, suffix, scope, ref);
            }
        }
    }

    private static void addItemPath(ObjectNode path, Resource r, String suffix, String scope, String ref) {
        String name = scope + r.kind() + suffix;
        path.set("get", operation(r, "get", "read" + name, ref, List.of(), null));
        path.set("put", operation(r, "put", "replace" + name, ref, writeParameters(), JSON_TYPES));
        ObjectNode patch = operation(r, "patch", "patch" + name, ref, patchParameters(), PATCH_TYPES);
        ((ObjectNode) patch.path("requestBody").path("content")).properties()
                .forEach(e -> ((ObjectNode) e.getValue()).putObject("schema").put("$ref", "#/components/schemas/" + PATCH));
        path.set("patch", patch);
        if (suffix.isEmpty()) {
            path.set("delete", operation(r, "delete", "delete" + name, "#/components/schemas/" + STATUS, List.of(),
                    JSON_TYPES));
            ((ObjectNode) path.path("delete").path("requestBody").path("content")).properties()
                    .forEach(e -> ((ObjectNode) e.getValue()).putObject("schema")
                            .put("$ref", "#/components/schemas/" + DELETE_OPTIONS));
        }
        path.set("parameters", pathParameters(r.namespaced(), true));
    }

    private static ObjectNode operation(Resource r, String action, String operationId, String responseRef,
            List<ObjectNode> parameters, List<String> bodyTypes) {
        ObjectNode op = NODES.objectNode();
        op.putArray("tags").add(tag(r));
        op.put("operationId", operationId);
        if (!parameters.isEmpty()) {
            ArrayNode params = op.putArray("parameters");
            parameters.forEach(params::add);
        }
        if (bodyTypes != null) {
            ObjectNode body = op.putObject("requestBody");
            ObjectNode content = body.putObject("content");
            for (String type : bodyTypes) {
                content.putObject(type).putObject("schema").put("$ref", responseRef);
            }
            body.put("required", !"delete".equals(action));
        }
        ObjectNode ok = op.putObject("responses").putObject("200");
        ok.put("description", "OK");
        ok.putObject("content").putObject("application/json").putObject("schema").put("$ref", responseRef);
        op.put("x-kubernetes-action", action);
        ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
        gvk.put("group", r.group()).put("kind", r.kind()).put("version", r.version());
        return op;
    }

    private static String tag(Resource r) {
        return r.group().isEmpty() ? "core_" + r.version() : r.group().replace('.', '_') + "_" + r.version();
    }

    private static ArrayNode pathParameters(boolean namespaced, boolean named) {
        ArrayNode params = NODES.arrayNode();
        if (named) {
            params.add(parameter("name", "path", "name of the object", true));
        }
        if (namespaced) {
            params.add(parameter("namespace", "path", "object name and auth scope, such as for teams and projects",
                    true));
        }
        params.add(parameter("pretty", "query", "If 'true', then the output is pretty printed.", false));
        return params;
    }

    private static List<ObjectNode> writeParameters() {
        return List.of(
                parameter("dryRun", "query", "When present, indicates that modifications should not be persisted.",
                        false),
                parameter("fieldManager", "query", "fieldManager is a name associated with the actor or entity that "
                        + "is making these changes.", false),
                parameter("fieldValidation", "query", "fieldValidation instructs the server on how to handle objects "
                        + "in the request containing unknown or duplicate fields: Ignore, Warn or Strict.", false));
    }

    private static List<ObjectNode> patchParameters() {
        List<ObjectNode> params = new ArrayList<>(writeParameters());
        ObjectNode force = parameter("force", "query", "Force is going to \"force\" Apply requests. It must be unset "
                + "for non-apply patch requests.", false);
        ((ObjectNode) force.get("schema")).put("type", "boolean");
        params.add(force);
        return params;
    }

    private static ObjectNode parameter(String name, String in, String description, boolean required) {
        ObjectNode p = NODES.objectNode();
        p.put("name", name).put("in", in).put("description", description);
        if (required) {
            p.put("required", true);
        }
        p.putObject("schema").put("type", "string").put("uniqueItems", true);
        return p;
    }

    private static ObjectNode kindSchema(Resource r) {
        ObjectNode schema;
        if (r.custom()) {
            schema = (ObjectNode) r.schema().deepCopy();
            ObjectNode properties = schema.withObjectProperty("properties");
            ObjectNode metadata = NODES.objectNode();
            metadata.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + OBJECT_META);
            metadata.put("description", "Standard object's metadata.");
            properties.set("metadata", metadata);
        } else {
            schema = NODES.objectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true)
                    .put("description", r.kind() + " (built-in kind; the sandbox publishes a permissive schema)");
        }
        schema.set("x-kubernetes-group-version-kind", gvkList(r, r.kind()));
        return schema;
    }

    private static ObjectNode listSchema(Resource r) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").putArray("allOf").addObject().put("$ref", "#/components/schemas/" + LIST_META);
        ObjectNode items = properties.putObject("items");
        items.put("type", "array");
        items.putObject("items").put("$ref", "#/components/schemas/" + r.definitionName());
        schema.putArray("required").add("items");
        schema.set("x-kubernetes-group-version-kind", gvkList(r, r.kind() + "List"));
        return schema;
    }

    private static ArrayNode gvkList(Resource r, String kind) {
        ArrayNode list = NODES.arrayNode();
        list.addObject().put("group", r.group()).put("kind", kind).put("version", r.version());
        return list;
    }

    private static String sha512(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            return HexFormat.of().withUpperCase().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is a mandatory JDK algorithm", e);
        }
    }
}
