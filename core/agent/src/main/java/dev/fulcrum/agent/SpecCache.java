package dev.fulcrum.agent;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last desired spec received, kept in the ConfigMap {@code fulcrum-system/fulcrum-desired-spec} of the agent's
 * own cluster so that a restarted agent works without the management plane.
 */
final class SpecCache {

  static final String NAME = "fulcrum-desired-spec";
  static final String SPEC_KEY = "spec.json";
  static final String VERSION_KEY = "version";

  private static final Logger LOG = LoggerFactory.getLogger(SpecCache.class);

  private final AgentConfigMaps configMaps;

  SpecCache(AgentConfigMaps configMaps) {
    this.configMaps = configMaps;
  }

  /** The cached spec; empty when there is none or it cannot be read (then the management plane must send one). */
  Optional<DesiredSpec> load() {
    try {
      return configMaps.read(NAME).map(data -> data.get(SPEC_KEY)).map(DesiredSpec::parse);
    } catch (KubernetesClientException | DesiredSpec.InvalidSpecException e) {
      LOG.warn("cached spec unusable, waiting for the management plane: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Caches the spec, replacing the previous one. */
  void store(DesiredSpec spec) {
    configMaps.write(NAME, Map.of(SPEC_KEY, spec.toJson(), VERSION_KEY, spec.version()));
  }
}
