package dev.fulcrum.core.profiles;

import dev.fulcrum.core.request.Problems;
import dev.fulcrum.core.request.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a profile's {@code dependsOn} lists: each names a layer of the profile that comes earlier
 * (layers apply in order). A dependency on a later layer is reported as a cycle when it closes one
 * ({@code a → b → a}), otherwise as out of order.
 */
final class DependencyCheck {
  private final Map<String, Integer> indexByName;
  private final Map<Integer, List<Integer>> edges = new LinkedHashMap<>();
  private final List<Forward> forwards = new ArrayList<>();

  /**
   * @param indexByName the profile's valid layer names and their positions
   */
  DependencyCheck(Map<String, Integer> indexByName) {
    this.indexByName = indexByName;
  }

  /**
   * Records that layer {@code from} depends on {@code dependency}.
   *
   * @return whether the dependency names an earlier layer (anything else is reported)
   */
  boolean add(int from, String dependency, String path, Problems problems) {
    Integer to = indexByName.get(dependency);
    if (to == null) {
      problems.add(
          path,
          "must name a layer of this profile (" + String.join(", ", indexByName.keySet()) + "); got "
              + Values.quote(dependency));
      return false;
    }
    edges.computeIfAbsent(from, unused -> new ArrayList<>()).add(to);
    if (to == from) {
      problems.add(path, "names the layer itself: a layer cannot depend on itself");
      return false;
    }
    if (to > from) {
      forwards.add(new Forward(from, to, path));
      return false;
    }
    return true;
  }

  /** Reports each dependency on a later layer: a cycle, or a layer out of order. */
  void reportCycles(String layersPath, Problems problems) {
    for (Forward forward : forwards) {
      Optional<List<Integer>> back = path(forward.to, forward.from, new ArrayList<>());
      if (back.isPresent()) {
        List<String> cycle = new ArrayList<>();
        cycle.add(name(forward.from));
        back.get().forEach(index -> cycle.add(name(index)));
        problems.add(forward.path, "makes a dependency cycle: " + String.join(" -> ", cycle));
      } else {
        problems.add(
            forward.path,
            "names a later layer (" + name(forward.to) + "); layers apply in order, so move it before "
                + name(forward.from) + " in " + layersPath);
      }
    }
  }

  // A path of dependencies from one layer to another, both included; depth-first.
  private Optional<List<Integer>> path(int from, int to, List<Integer> visited) {
    if (visited.contains(from)) {
      return Optional.empty();
    }
    visited.add(from);
    if (from == to) {
      return Optional.of(new ArrayList<>(List.of(to)));
    }
    for (int next : edges.getOrDefault(from, List.of())) {
      Optional<List<Integer>> rest = path(next, to, visited);
      if (rest.isPresent()) {
        rest.get().add(0, from);
        return rest;
      }
    }
    return Optional.empty();
  }

  private String name(int index) {
    return indexByName.entrySet().stream()
        .filter(entry -> entry.getValue() == index)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  private record Forward(int from, int to, String path) {}
}
