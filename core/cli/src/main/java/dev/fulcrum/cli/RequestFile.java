package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cluster request file as {@code cluster apply} sends it. Like {@code kubectl apply}, the file's
 * {@code metadata.namespace} names the project; without one the project is {@code -n} (or
 * {@code default}), and the two may not disagree. The server validates everything else.
 *
 * @param cluster the project and name addressed; empty if the file names no cluster (the server says
 *     what is missing)
 * @param project the project the request goes to
 * @param body what is sent
 * @param mediaType the body's media type
 */
record RequestFile(Optional<ClusterRef> cluster, String project, byte[] body, String mediaType) {

  static RequestFile read(Path file, String projectOption) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    JsonNode tree;
    try {
      tree = Mappers.yaml().readTree(content);
    } catch (JacksonException unreadable) {
      // Sent as it is: the server reports what is wrong with it, by line and column.
      return new RequestFile(Optional.empty(), orDefault(projectOption), content, "application/yaml");
    }
    String fileProject = tree.at("/metadata/namespace").asString("");
    String name = tree.at("/metadata/name").asString("");
    if (!fileProject.isEmpty() && projectOption != null && !fileProject.equals(projectOption)) {
      throw new IllegalArgumentException(
          "the file's metadata.namespace (" + fileProject + ") is not the project given with -n (" + projectOption + ")");
    }
    String project = fileProject.isEmpty() ? orDefault(projectOption) : fileProject;
    Optional<ClusterRef> cluster = name.isEmpty() ? Optional.empty() : Optional.of(new ClusterRef(project, name));
    if (fileProject.isEmpty() && tree.path("metadata").isObject()) {
      ((ObjectNode) tree.get("metadata")).put("namespace", project);
      return new RequestFile(cluster, project, Mappers.json().writeValueAsBytes(tree), "application/json");
    }
    return new RequestFile(cluster, project, content, "application/yaml");
  }

  private static String orDefault(String project) {
    return project != null ? project : ProjectOption.DEFAULT_PROJECT;
  }
}
