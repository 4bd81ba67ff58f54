package dev.fulcrum.core.profiles;

import dev.fulcrum.core.yaml.Mappers;
import java.nio.file.Path;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The built-in profiles (config/profiles) as test input. */
final class Profiles {
  private Profiles() {}

  static Path dir() {
    return Path.of(System.getProperty("fulcrum.profiles.dir", "../../config/profiles"));
  }

  /** The built-in observability profile with its chart packed, as a mutable tree. */
  static ObjectNode observability() {
    return (ObjectNode) Mappers.json().readTree(ProfileFiles.packed(dir().resolve("observability.yaml")));
  }

  static ObjectNode cni() {
    return (ObjectNode) Mappers.json().readTree(ProfileFiles.packed(dir().resolve("cni.yaml")));
  }

  static ObjectNode spec(ObjectNode profile) {
    return (ObjectNode) profile.get("spec");
  }

  static ObjectNode layer(ObjectNode profile, int index) {
    return (ObjectNode) ((ArrayNode) spec(profile).get("layers")).get(index);
  }

  static ObjectNode variable(ObjectNode profile, int index) {
    return (ObjectNode) ((ArrayNode) spec(profile).get("variables")).get(index);
  }

  static byte[] json(ObjectNode profile) {
    return Mappers.json().writeValueAsBytes(profile);
  }
}
