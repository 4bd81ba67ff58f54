package dev.fulcrum.agent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;

/** The ConfigMaps in {@value #NAMESPACE} where the agent keeps what must survive restarts and outages. */
final class AgentConfigMaps {

  /** The agent's namespace. */
  static final String NAMESPACE = "fulcrum-system";
  /** The field manager of everything the agent writes. */
  static final String FIELD_MANAGER = "fulcrum-agent";

  private final KubernetesClient client;

  AgentConfigMaps(KubernetesClient client) {
    this.client = client;
  }

  /** The data of a ConfigMap, if it exists. */
  Optional<Map<String, String>> read(String name) {
    ConfigMap map = client.configMaps().inNamespace(NAMESPACE).withName(name).get();
    return Optional.ofNullable(map).map(m -> m.getData() == null ? Map.of() : m.getData());
  }

  /** Writes a ConfigMap's whole data (server-side apply: keys not given are removed). */
  void write(String name, Map<String, String> data) {
    ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
        .addToLabels(ObjectLabels.MANAGED_BY, ObjectLabels.MANAGED_BY_FULCRUM).endMetadata().withData(data).build();
    client.configMaps().inNamespace(NAMESPACE).resource(map).fieldManager(FIELD_MANAGER).forceConflicts()
        .serverSideApply();
  }
}
