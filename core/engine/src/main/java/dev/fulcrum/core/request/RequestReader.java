package dev.fulcrum.core.request;

import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.spi.ClusterNetwork;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.CredentialRef;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.NodeRole;
import dev.fulcrum.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * PLACEHOLDER (h-render): a minimal stand-in for the real reader from h-request, only so the CLI and
 * the end-to-end tests can run before it is merged. The lead replaces it with the real one.
 */
public final class RequestReader {
  private final ProviderRegistry providers;

  public RequestReader(ProviderRegistry providers) {
    this.providers = providers;
  }

  public ClusterRequest read(byte[] input) {
    JsonNode root;
    try {
      root = Mappers.yaml().readTree(input);
    } catch (JacksonException e) {
      throw new InvalidRequestException(List.of(new FieldError("(document)", "not YAML: " + e.getOriginalMessage())));
    }
    List<FieldError> errors = new ArrayList<>();
    String name = required(root, "/metadata/name", "metadata.name", errors);
    String project = required(root, "/metadata/namespace", "metadata.namespace", errors);
    String providerId = required(root, "/spec/provider", "spec.provider", errors);
    String version = required(root, "/spec/kubernetesVersion", "spec.kubernetesVersion", errors);
    if (version != null && !version.matches("v\\d+\\.\\d+\\.\\d+")) {
      errors.add(new FieldError("spec.kubernetesVersion", "must look like v1.33.4"));
    }
    Optional<InfrastructureProvider> provider = providerId == null ? Optional.empty() : providers.find(providerId);
    if (providerId != null && provider.isEmpty()) {
      errors.add(new FieldError("spec.provider", "no loaded provider '" + providerId + "'; loaded: " + providers.ids()));
    }
    int cpReplicas = root.at("/spec/controlPlane/replicas").asInt(0);
    if (cpReplicas % 2 == 0) {
      errors.add(new FieldError("spec.controlPlane.replicas", "must be an odd number (1, 3, 5 or 7)"));
    }
    NodePool controlPlane =
        new NodePool(NodePool.CONTROL_PLANE_NAME, NodeRole.CONTROL_PLANE, cpReplicas, settings(root.at("/spec/controlPlane/machine")), "spec.controlPlane");
    List<NodePool> workers = new ArrayList<>();
    JsonNode pools = root.at("/spec/workerPools");
    for (int i = 0; i < pools.size(); i++) {
      JsonNode pool = pools.get(i);
      String path = "spec.workerPools[" + i + "]";
      if (pool.path("replicas").asInt(-1) < 0) {
        errors.add(new FieldError(path + ".replicas", "must be an integer >= 0"));
      }
      workers.add(new NodePool(pool.path("name").asString(""), NodeRole.WORKER, pool.path("replicas").asInt(0), settings(pool.path("machine")), path));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    JsonNode network = root.at("/spec/network");
    JsonNode account = root.at("/spec/cloudAccountRef");
    Optional<CredentialRef> cloudAccount =
        account.isObject()
            ? Optional.of(new CredentialRef(account.path("kind").asString(provider.get().descriptor().credentials().defaultKind()), account.path("name").asString()))
            : Optional.empty();
    return new ClusterRequest(
        name, project, project + "--" + name, providerId, version, cloudAccount, controlPlane, workers,
        new ClusterNetwork(strings(network.path("podCIDRs")), strings(network.path("serviceCIDRs")), network.path("serviceDomain").asString("cluster.local")),
        strings(root.at("/spec/sshAuthorizedKeys")),
        settings(root.at("/spec/infrastructure")));
  }

  private static String required(JsonNode root, String pointer, String path, List<FieldError> errors) {
    JsonNode value = root.at(pointer);
    if (!value.isString() || value.stringValue().isEmpty()) {
      errors.add(new FieldError(path, "required"));
      return null;
    }
    return value.stringValue();
  }

  private static Settings settings(JsonNode node) {
    return node.isObject() ? new Settings(Mappers.json().convertValue(node, new TypeReference<Map<String, Object>>() {})) : Settings.EMPTY;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }
}
