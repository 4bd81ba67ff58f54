package dev.fulcrum.agent;

import dev.fulcrum.core.yaml.Mappers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Every kind the agent has applied add-on objects of, in the order first applied, kept in the ConfigMap
 * {@code fulcrum-system/fulcrum-addon-kinds}: the kinds the pruner must look through even after the spec stops
 * naming them (a profile upgrade that drops a kind, a cluster that drops a profile). Written before the objects
 * are applied, so that no object is ever applied that a later prune would not find.
 */
final class AddonInventory {

  static final String NAME = "fulcrum-addon-kinds";
  static final String KINDS_KEY = "kinds.json";

  private static final TypeReference<List<ApiKind>> KIND_LIST = new TypeReference<>() {};

  private final AgentConfigMaps configMaps;
  private Set<ApiKind> kinds;

  AddonInventory(AgentConfigMaps configMaps) {
    this.configMaps = configMaps;
  }

  /** An apiVersion and kind. */
  record ApiKind(String apiVersion, String kind) {}

  /** The kinds, in the order first applied. */
  List<ApiKind> kinds() {
    return List.copyOf(loaded());
  }

  /** Adds kinds not yet known, saving them before returning. */
  void addAll(List<ApiKind> applied) {
    Set<ApiKind> known = loaded();
    Set<ApiKind> next = new LinkedHashSet<>(known);
    next.addAll(applied);
    if (next.size() != known.size()) {
      save(next);
    }
  }

  /** Keeps only {@code kept}; kinds with nothing of Fulcrum's left need no looking through. */
  void retainAll(Set<ApiKind> kept) {
    Set<ApiKind> known = loaded();
    Set<ApiKind> next = new LinkedHashSet<>(known);
    next.retainAll(kept);
    if (next.size() != known.size()) {
      save(next);
    }
  }

  private Set<ApiKind> loaded() {
    if (kinds == null) {
      String json = configMaps.read(NAME).map(data -> data.get(KINDS_KEY)).orElse(null);
      try {
        kinds = new LinkedHashSet<>(json == null ? List.of() : Mappers.json().readValue(json, KIND_LIST));
      } catch (JacksonException e) {
        throw new IllegalStateException("the ConfigMap " + AgentConfigMaps.NAMESPACE + "/" + NAME
            + " is not readable (" + e.getOriginalMessage() + "); delete it to have it rebuilt", e);
      }
    }
    return kinds;
  }

  private void save(Set<ApiKind> next) {
    configMaps.write(NAME, Map.of(KINDS_KEY, Mappers.json().writeValueAsString(new ArrayList<>(next))));
    kinds = next;
  }
}
