package dev.fulcrum.core.components;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A local repository of Cluster API provider components, laid out as clusterctl's overrides layer and local
 * repositories are: {@code <root>/<provider-label>/<version>/<components file>}, e.g.
 * {@code <root>/cluster-api/v1.14.0/core-components.yaml} or
 * {@code <root>/infrastructure-vsphere/v1.16.1/infrastructure-components.yaml}. Nothing is fetched from a network.
 *
 * <p>Reading a component does what {@code clusterctl init} does to a components file before applying it: substitutes
 * its variables and labels every object {@code cluster.x-k8s.io/provider: <provider-label>} and
 * {@code clusterctl.cluster.x-k8s.io: ""} (the label {@code clusterctl move} discovers CRDs by).
 */
public final class ComponentsRepository {
  /** The largest components file read, in bytes (upstream core components are a few MiB, mostly CRD schemas). */
  public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

  /** The label naming the provider an object belongs to. */
  public static final String PROVIDER_LABEL = "cluster.x-k8s.io/provider";

  /** The label clusterctl puts on everything it installs; {@code clusterctl move} only discovers CRDs carrying it. */
  public static final String CLUSTERCTL_LABEL = "clusterctl.cluster.x-k8s.io";

  private static final ObjectMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .loadSettings(LoadSettings.builder().setCodePointLimit((int) MAX_FILE_BYTES).build())
                  .build())
          .build();

  private final Path root;

  /** A repository rooted at {@code root}; nothing is read until a component is. */
  public ComponentsRepository(Path root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  /** The repository's root directory. */
  public Path root() {
    return root;
  }

  /** The components file of {@code component}: {@code <root>/<label>/<version>/<file>}. */
  public Path file(Component component) {
    return root.resolve(component.relativePath());
  }

  /**
   * Reads each component, all problems reported together.
   *
   * @throws ComponentsException naming every missing file or directory, unreadable document and missing variable
   */
  public List<ComponentManifests> read(List<Component> components, Map<String, String> variables) {
    List<ComponentManifests> read = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Component component : components) {
      try {
        read.add(read(component, variables));
      } catch (ComponentsException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ComponentsException(problems);
    }
    return read;
  }

  /**
   * Reads one component's objects, with {@code variables} substituted and clusterctl's labels added.
   *
   * @param variables values for the file's {@code ${VAR}} variables
   * @throws ComponentsException naming the file or directory that is missing, too large or not YAML objects, or
   *     every variable that has neither a value nor a default
   */
  public ComponentManifests read(Component component, Map<String, String> variables) {
    Path file = file(component);
    String text = substituted(file, variables);
    List<ObjectNode> objects = parse(file, text);
    for (ObjectNode object : objects) {
      ObjectNode metadata = object.withObjectProperty("metadata");
      ObjectNode labels = metadata.withObjectProperty("labels");
      labels.put(PROVIDER_LABEL, component.label());
      labels.put(CLUSTERCTL_LABEL, "");
    }
    return new ComponentManifests(component, objects);
  }

  private String substituted(Path file, Map<String, String> variables) {
    String text = readText(file);
    VariableSubstitution.Result result = VariableSubstitution.substitute(text, variables);
    if (!result.missing().isEmpty()) {
      throw new ComponentsException(
          file + ": variables without a value or default: " + String.join(", ", result.missing()));
    }
    return result.text();
  }

  private String readText(Path file) {
    if (!Files.isDirectory(root)) {
      throw new ComponentsException("the components repository " + root + " does not exist or is not a directory");
    }
    Path providerDir = root.resolve(file.getParent().getParent().getFileName());
    if (!Files.isDirectory(providerDir)) {
      throw new ComponentsException("the components repository has no provider directory " + providerDir);
    }
    if (!Files.isDirectory(file.getParent())) {
      throw new ComponentsException(
          "the components repository has no version directory " + file.getParent() + " (versions present: "
              + versions(providerDir) + ")");
    }
    if (!Files.isRegularFile(file)) {
      throw new ComponentsException("the components file " + file + " does not exist");
    }
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new ComponentsException(
            "the components file " + file + " is " + size + " bytes; at most " + MAX_FILE_BYTES + " are read");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ComponentsException("the components file " + file + " cannot be read: " + e.getMessage());
    }
  }

  private static String versions(Path providerDir) {
    try (Stream<Path> entries = Files.list(providerDir)) {
      List<String> names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      return names.isEmpty() ? "none" : String.join(", ", names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<ObjectNode> parse(Path file, String text) {
    List<ObjectNode> objects = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(text)) {
      int index = 0;
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        index++;
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue; // an empty document between two "---"
        }
        if (!(document instanceof ObjectNode object)
            || object.path("apiVersion").asString("").isEmpty()
            || object.path("kind").asString("").isEmpty()
            || object.at("/metadata/name").asString("").isEmpty()) {
          problems.add(file + ": document " + index + " is not a Kubernetes object (apiVersion, kind and"
              + " metadata.name are required)");
          continue;
        }
        objects.add(object);
      }
    } catch (JacksonException e) {
      throw new ComponentsException(file + " is not valid YAML: " + e.getOriginalMessage());
    }
    if (!problems.isEmpty()) {
      throw new ComponentsException(problems);
    }
    return objects;
  }
}
