package dev.fulcrum.sandbox.capi;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code <cluster>-kubeconfig} Secret KubeadmControlPlane keeps: key {@code value} holds a kubeconfig for the
 * workload cluster's own API, with Cluster API's names for the user ({@code <cluster>-admin}) and context
 * ({@code <cluster>-admin@<cluster>}). The sandbox serves plain HTTP and accepts any bearer token, so the user
 * carries a random token where a real cluster would use a client certificate signed by {@code <cluster>-ca}.
 */
final class Kubeconfigs {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Kubeconfigs() {}

  static String secretName(String clusterName) {
    return clusterName + "-kubeconfig";
  }

  /**
   * Creates the kubeconfig Secret, owned by the control plane, unless it exists.
   *
   * @param existing the names of the cluster's Secrets that exist
   */
  static void ensure(KubeApi api, String clusterName, ApiObject controlPlane, String serverUrl,
      Set<String> existing) {
    String name = secretName(clusterName);
    if (!existing.contains(name)) {
      api.createIfMissing(Capi.SECRET, Secrets.clusterSecret(clusterName, controlPlane, name,
          Map.of("value", render(clusterName, serverUrl, newToken()))));
    }
  }

  static String render(String clusterName, String serverUrl, String token) {
    String user = clusterName + "-admin";
    String context = user + "@" + clusterName;
    ObjectNode config = Trees.object();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    ObjectNode cluster = config.putArray("clusters").addObject();
    cluster.put("name", clusterName);
    cluster.putObject("cluster").put("server", serverUrl);
    ObjectNode contextEntry = config.putArray("contexts").addObject();
    contextEntry.put("name", context);
    contextEntry.putObject("context").put("cluster", clusterName).put("user", user);
    config.put("current-context", context);
    ObjectNode userEntry = config.putArray("users").addObject();
    userEntry.put("name", user);
    userEntry.putObject("user").put("token", token);
    return Trees.yaml(config);
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
