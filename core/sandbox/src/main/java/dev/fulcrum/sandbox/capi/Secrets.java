package dev.fulcrum.sandbox.capi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/** Builds and reads the Secrets Cluster API keeps for a cluster: type, cluster-name label, controller owner. */
final class Secrets {

  private Secrets() {}

  /** A Secret of type {@code cluster.x-k8s.io/secret} for {@code clusterName}, controlled by {@code owner}. */
  static ApiObject clusterSecret(String clusterName, ApiObject owner, String name, Map<String, String> data) {
    ApiObject secret = ApiObject.create(Capi.SECRET, owner.namespace(), name);
    secret.json().put("type", Capi.SECRET_TYPE);
    secret.label(Capi.CLUSTER_NAME_LABEL, clusterName);
    secret.ensureOwner(owner, true);
    ObjectNode encoded = secret.json().putObject("data");
    new TreeMap<>(data).forEach((key, value) ->
        encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return secret;
  }

  /** A data value of a Secret, decoded; null when absent. */
  static String value(ApiObject secret, String key) {
    String encoded = secret.text("/data/" + key);
    return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }
}
