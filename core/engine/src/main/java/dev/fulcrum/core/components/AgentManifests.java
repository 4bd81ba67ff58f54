package dev.fulcrum.core.components;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.render.Labels;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Fulcrum agent's objects for one workload cluster: Namespace {@value #NAMESPACE}; ServiceAccount, ClusterRole,
 * ClusterRoleBinding, Role and RoleBinding, Secret and Deployment all named {@value #NAME}.
 *
 * <p>The agent may manage the Cluster API objects of its own cluster (the four Cluster API groups), read Nodes,
 * create Events, and keep its cache in ConfigMaps of its own namespace, nothing else. The Secret carries the
 * management plane's URL, the cluster's token and name; the container reads them as environment variables. The
 * token never appears in {@link #toString()}.
 */
public final class AgentManifests {
  /** The agent's namespace. */
  public static final String NAMESPACE = "fulcrum-system";

  /** The name of the agent's Deployment, ServiceAccount, Secret and RBAC objects. */
  public static final String NAME = "fulcrum-agent";

  /** The agent image's repository; the tag is the Fulcrum version. */
  public static final String IMAGE_REPOSITORY = "ghcr.io/fulcrum-dev/fulcrum-agent";

  /** Secret key: the management plane's base URL. */
  public static final String SERVER_URL_KEY = "FULCRUM_SERVER_URL";

  /** Secret key: the cluster's agent token. */
  public static final String TOKEN_KEY = "FULCRUM_AGENT_TOKEN";

  /** Secret key: {@code <project>/<name>}. */
  public static final String CLUSTER_KEY = "FULCRUM_CLUSTER";

  /** The Cluster API groups the agent manages objects of. */
  public static final List<String> CAPI_GROUPS =
      List.of(
          "cluster.x-k8s.io",
          "bootstrap.cluster.x-k8s.io",
          "controlplane.cluster.x-k8s.io",
          "infrastructure.cluster.x-k8s.io");

  private static final String APP_LABEL = "app.kubernetes.io/name";
  private static final List<String> ALL_VERBS =
      List.of("get", "list", "watch", "create", "update", "patch", "delete");
  private static final List<String> READ_VERBS = List.of("get", "list", "watch");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ClusterRef cluster;
  private final List<ObjectNode> objects;

  private AgentManifests(ClusterRef cluster, List<ObjectNode> objects) {
    this.cluster = cluster;
    this.objects = objects;
  }

  /**
   * The agent's objects for {@code cluster}.
   *
   * @param serverUrl the management plane's URL as the agent reaches it
   * @param token the cluster's token, from {@link AgentTokens#generate()}
   * @param fulcrumVersion the image tag, e.g. {@code 0.1.0}
   */
  public static AgentManifests forCluster(
      ClusterRef cluster, URI serverUrl, AgentToken token, String fulcrumVersion) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(serverUrl, "serverUrl");
    Objects.requireNonNull(token, "token");
    if (fulcrumVersion == null || !fulcrumVersion.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
      throw new IllegalArgumentException("fulcrumVersion: \"" + fulcrumVersion + "\" is not a valid image tag");
    }
    if (!serverUrl.isAbsolute() || serverUrl.getHost() == null) {
      throw new IllegalArgumentException("serverUrl: \"" + serverUrl + "\" is not an absolute http(s) URL");
    }
    Render render = new Render(cluster);
    return new AgentManifests(
        cluster,
        List.of(
            render.namespace(),
            render.serviceAccount(),
            render.clusterRole(),
            render.clusterRoleBinding(),
            render.role(),
            render.roleBinding(),
            render.secret(serverUrl, token),
            render.deployment(IMAGE_REPOSITORY + ":" + fulcrumVersion)));
  }

  /** The objects, in installation order (deep copies). */
  public List<ObjectNode> objects() {
    return objects.stream().map(ObjectNode::deepCopy).toList();
  }

  /** Names the objects, never their contents. */
  @Override
  public String toString() {
    return "AgentManifests["
        + cluster
        + ": "
        + objects.stream()
            .map(o -> o.path("kind").asString() + " " + o.at("/metadata/name").asString())
            .collect(Collectors.joining(", "))
        + "]";
  }

  /** Builds the objects of one cluster. */
  private record Render(ClusterRef cluster) {
    ObjectNode namespace() {
      return object("v1", "Namespace", NAMESPACE, false);
    }

    ObjectNode serviceAccount() {
      return object("v1", "ServiceAccount", NAME, true);
    }

    ObjectNode clusterRole() {
      ObjectNode role = object("rbac.authorization.k8s.io/v1", "ClusterRole", NAME, false);
      ArrayNode rules = role.putArray("rules");
      rule(rules, CAPI_GROUPS, List.of("*"), ALL_VERBS);
      rule(rules, List.of(""), List.of("nodes"), READ_VERBS);
      rule(rules, List.of("", "events.k8s.io"), List.of("events"), List.of("create", "patch"));
      return role;
    }

    ObjectNode clusterRoleBinding() {
      return binding("ClusterRoleBinding", "ClusterRole", false);
    }

    ObjectNode role() {
      ObjectNode role = object("rbac.authorization.k8s.io/v1", "Role", NAME, true);
      rule(role.putArray("rules"), List.of(""), List.of("configmaps"), ALL_VERBS);
      return role;
    }

    ObjectNode roleBinding() {
      return binding("RoleBinding", "Role", true);
    }

    ObjectNode secret(URI serverUrl, AgentToken token) {
      ObjectNode secret = object("v1", "Secret", NAME, true);
      secret.put("type", "Opaque");
      ObjectNode data = secret.putObject("data");
      data.put(CLUSTER_KEY, base64(cluster.project() + "/" + cluster.name()));
      data.put(TOKEN_KEY, base64(token.reveal()));
      data.put(SERVER_URL_KEY, base64(serverUrl.toString()));
      return secret;
    }

    ObjectNode deployment(String image) {
      ObjectNode deployment = object("apps/v1", "Deployment", NAME, true);
      ObjectNode spec = deployment.putObject("spec");
      spec.put("replicas", 1);
      // Never two agents at once: they would reconcile the same objects from different spec versions.
      spec.putObject("strategy").put("type", "Recreate");
      spec.putObject("selector").putObject("matchLabels").put(APP_LABEL, NAME);
      ObjectNode template = spec.putObject("template");
      template.set("metadata", NODES.objectNode().set("labels", labels()));
      ObjectNode pod = template.putObject("spec");
      pod.put("serviceAccountName", NAME);
      pod.putObject("securityContext")
          .put("runAsNonRoot", true)
          .set("seccompProfile", NODES.objectNode().put("type", "RuntimeDefault"));
      ArrayNode tolerations = pod.putArray("tolerations");
      // The agent must run on the first control-plane node, before any worker exists.
      for (String taint : List.of("node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master")) {
        tolerations.addObject().put("key", taint).put("operator", "Exists").put("effect", "NoSchedule");
      }
      ObjectNode container = pod.putArray("containers").addObject();
      container.put("name", "agent");
      container.put("image", image);
      container.putArray("args").add("agent");
      container.putArray("envFrom").addObject().putObject("secretRef").put("name", NAME);
      ObjectNode resources = container.putObject("resources");
      resources.putObject("requests").put("cpu", "50m").put("memory", "128Mi");
      resources.putObject("limits").put("memory", "512Mi");
      ObjectNode security = container.putObject("securityContext");
      security.put("allowPrivilegeEscalation", false);
      security.put("readOnlyRootFilesystem", true);
      security.put("runAsNonRoot", true);
      security.putObject("capabilities").putArray("drop").add("ALL");
      // A read-only root still needs a writable /tmp for the JVM.
      container.putArray("volumeMounts").addObject().put("name", "tmp").put("mountPath", "/tmp");
      pod.putArray("volumes").addObject().put("name", "tmp").putObject("emptyDir");
      return deployment;
    }

    private ObjectNode binding(String kind, String roleKind, boolean namespaced) {
      ObjectNode binding = object("rbac.authorization.k8s.io/v1", kind, NAME, namespaced);
      binding
          .putObject("roleRef")
          .put("apiGroup", "rbac.authorization.k8s.io")
          .put("kind", roleKind)
          .put("name", NAME);
      binding
          .putArray("subjects")
          .addObject()
          .put("kind", "ServiceAccount")
          .put("name", NAME)
          .put("namespace", NAMESPACE);
      return binding;
    }

    private static void rule(ArrayNode rules, List<String> groups, List<String> resources, List<String> verbs) {
      ObjectNode rule = rules.addObject();
      groups.forEach(rule.putArray("apiGroups")::add);
      resources.forEach(rule.putArray("resources")::add);
      verbs.forEach(rule.putArray("verbs")::add);
    }

    private ObjectNode object(String apiVersion, String kind, String name, boolean namespaced) {
      ObjectNode object = NODES.objectNode();
      object.put("apiVersion", apiVersion);
      object.put("kind", kind);
      ObjectNode metadata = object.putObject("metadata");
      metadata.put("name", name);
      if (namespaced) {
        metadata.put("namespace", NAMESPACE);
      }
      metadata.set("labels", labels());
      return object;
    }

    private ObjectNode labels() {
      return NODES.objectNode()
          .put(APP_LABEL, NAME)
          .put(Labels.MANAGED_BY, Labels.MANAGED_BY_FULCRUM)
          .put(Labels.PROJECT, cluster.project())
          .put(Labels.CLUSTER, cluster.name());
    }

    private static String base64(String value) {
      return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

  }
}
