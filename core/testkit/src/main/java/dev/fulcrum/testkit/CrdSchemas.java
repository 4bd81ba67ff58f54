package dev.fulcrum.testkit;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The upstream Cluster API CRD schemas (in {@code <fulcrum.shared.dir>/crds}), used to check that
 * rendered objects would be accepted by a real API server.
 *
 * <p>Validation is strict, like {@code kubectl apply --validate=strict}: an undeclared field (misspelt
 * or misplaced) is an error, not silently pruned. {@code x-kubernetes-int-or-string} and
 * {@code nullable} are honoured, other {@code x-kubernetes-*} extensions (CEL rules, list types) are
 * not checked, and the root {@code metadata} is checked for shape only. Thread-safe.
 */
public final class CrdSchemas {
  /** The system property naming the shared directory that holds {@code crds/}; surefire sets it. */
  public static final String SHARED_DIR_PROPERTY = "fulcrum.shared.dir";

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<Path, CrdSchemas> LOADED = new ConcurrentHashMap<>();

  private final Path directory;
  private final Map<String, Crd> crdsByGroupKind;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  private CrdSchemas(Path directory, Map<String, Crd> crdsByGroupKind) {
    this.directory = directory;
    this.crdsByGroupKind = crdsByGroupKind;
  }

  /** The CRD directory named by {@value #SHARED_DIR_PROPERTY}, if the property is set. */
  public static Optional<Path> configuredDirectory() {
    return Optional.ofNullable(System.getProperty(SHARED_DIR_PROPERTY)).map(dir -> Path.of(dir, "crds"));
  }

  /**
   * The upstream CRDs for a JUnit test. When they are missing the test is aborted (reported as
   * skipped, never as passed) and a loud message goes to stderr.
   */
  public static CrdSchemas loadOrSkip() {
    return loadOrSkip(
        configuredDirectory().orElse(Path.of("<system property " + SHARED_DIR_PROPERTY + " not set>", "crds")));
  }

  static CrdSchemas loadOrSkip(Path directory) {
    if (!Files.isDirectory(directory)) {
      String message = "UPSTREAM CRDS NOT FOUND at " + directory + ": CRD schema tests SKIPPED";
      String bar = "!".repeat(message.length());
      System.err.println(bar + System.lineSeparator() + message + System.lineSeparator() + bar);
      Assumptions.abort(message);
    }
    return load(directory);
  }

  /**
   * Indexes every {@code CustomResourceDefinition} in the YAML files below {@code directory}. Loaded
   * sets are cached per directory.
   *
   * @throws UncheckedIOException if the directory cannot be read
   * @throws IllegalArgumentException if it holds no CRD
   */
  public static CrdSchemas load(Path directory) {
    return LOADED.computeIfAbsent(directory.toAbsolutePath().normalize(), CrdSchemas::read);
  }

  private static CrdSchemas read(Path directory) {
    Map<String, Crd> crds = new TreeMap<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(CrdSchemas::isYaml).sorted().toList()) {
        for (JsonNode document : readDocuments(file)) {
          if ("CustomResourceDefinition".equals(document.path("kind").asString(""))) {
            Crd crd = Crd.of(document);
            crds.put(key(crd.group(), crd.kind()), crd);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRDs in " + directory, e);
    }
    if (crds.isEmpty()) {
      throw new IllegalArgumentException("no CustomResourceDefinition found below " + directory);
    }
    return new CrdSchemas(directory, crds);
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  private static List<JsonNode> readDocuments(Path file) {
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      return documents.readAll().stream().filter(JsonNode::isObject).toList();
    }
  }

  /** The directory the CRDs were read from. */
  public Path directory() {
    return directory;
  }

  /** Whether a CRD defines {@code kind} in the group of {@code apiVersion} and serves that version. */
  public boolean serves(String apiVersion, String kind) {
    return version(apiVersion, kind).map(CrdVersion::served).orElse(false);
  }

  /** Whether a CRD defines {@code kind} in {@code group}, at any version. */
  public boolean defines(String group, String kind) {
    return crdsByGroupKind.containsKey(key(group, kind));
  }

  /** The CRD's own {@code openAPIV3Schema} for that version, as upstream wrote it. */
  public Optional<JsonNode> openApiSchema(String apiVersion, String kind) {
    return version(apiVersion, kind).map(CrdVersion::schema);
  }

  /**
   * Validates one object against the schema of its own {@code apiVersion} and {@code kind}.
   *
   * @return one {@code path: problem} line per problem, e.g.
   *     {@code spec.template.spec.numCPU: unknown field ...}; empty when a strict API server would accept it
   */
  public List<String> validate(JsonNode object) {
    String apiVersion = object.path("apiVersion").asString("");
    String kind = object.path("kind").asString("");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      return List.of(
          "apiVersion/kind: both are required to pick a CRD schema (got '" + apiVersion + "', '" + kind + "')");
    }
    Optional<String> unserved = unservedReason(apiVersion, kind);
    if (unserved.isPresent()) {
      return List.of(unserved.get());
    }
    Schema schema = compiled.computeIfAbsent(
        apiVersion + "|" + kind,
        unused -> registry.getSchema(StrictSchemas.toJsonSchema(openApiSchema(apiVersion, kind).orElseThrow())));
    return schema.validate(object).stream().map(error -> SchemaErrors.describe("", error)).distinct().toList();
  }

  /** Validates an object given as a JSON-like map; see {@link #validate(JsonNode)}. */
  public List<String> validate(Map<String, ?> object) {
    JsonNode tree = JSON.valueToTree(object);
    return validate(tree);
  }

  private Optional<String> unservedReason(String apiVersion, String kind) {
    Crd crd = crdsByGroupKind.get(key(group(apiVersion), kind));
    if (crd == null) {
      return Optional.of("kind: no CRD in " + directory + " defines " + kind + " in group '" + group(apiVersion) + "'");
    }
    CrdVersion version = crd.versions().get(versionOf(apiVersion));
    if (version == null || !version.served()) {
      String served = crd.versions().values().stream()
          .filter(CrdVersion::served).map(CrdVersion::name).collect(Collectors.joining(", "));
      return Optional.of("apiVersion: " + kind + " is not served at " + apiVersion + " (served: " + served + ")");
    }
    return Optional.empty();
  }

  private Optional<CrdVersion> version(String apiVersion, String kind) {
    return Optional.ofNullable(crdsByGroupKind.get(key(group(apiVersion), kind)))
        .map(crd -> crd.versions().get(versionOf(apiVersion)));
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  private static String versionOf(String apiVersion) {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  private static String key(String group, String kind) {
    return group + "/" + kind;
  }

  private record Crd(String group, String kind, Map<String, CrdVersion> versions) {
    static Crd of(JsonNode definition) {
      JsonNode spec = definition.path("spec");
      Map<String, CrdVersion> versions = new LinkedHashMap<>();
      for (JsonNode version : spec.path("versions")) {
        String name = version.path("name").asString();
        versions.put(name, new CrdVersion(
            name, version.path("served").asBoolean(false), version.path("schema").path("openAPIV3Schema")));
      }
      return new Crd(spec.path("group").asString(), spec.path("names").path("kind").asString(), versions);
    }
  }

  private record CrdVersion(String name, boolean served, JsonNode schema) {}
}
