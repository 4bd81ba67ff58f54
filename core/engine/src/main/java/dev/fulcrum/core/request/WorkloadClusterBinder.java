package dev.fulcrum.core.request;

import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.spi.ClusterNetwork;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.CredentialRef;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.ProviderDescriptor;
import dev.fulcrum.spi.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads a parsed request tree into a {@link WorkloadCluster}, applying every core rule and the
 * provider's JSON schemas, and collecting every problem rather than stopping at the first.
 */
final class WorkloadClusterBinder {
  static final String API_VERSION = "fulcrum.dev/v1alpha1";
  static final String KIND = "WorkloadCluster";

  /**
   * The longest cluster name: CAPI derives Machine names {@code <name>-<pool>-xxxxx-yyyyy}, which
   * with a pool name of at most 16 characters stay within Kubernetes' 63.
   */
  static final int MAX_NAME_LENGTH = 32;

  /** The longest project name: the CAPI namespace {@code <project>--<name>} must fit in 63. */
  static final int MAX_PROJECT_LENGTH = 29;

  /** Separates project and cluster name in the derived CAPI namespace, so neither may contain it. */
  static final String NAMESPACE_SEPARATOR = "--";

  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> METADATA_FIELDS = Set.of("name", "namespace", "labels", "annotations");
  private static final Set<String> SPEC_FIELDS =
      Set.of(
          "provider",
          "kubernetesVersion",
          "cloudAccountRef",
          "controlPlane",
          "workerPools",
          "network",
          "sshAuthorizedKeys",
          "profiles",
          "variables",
          "overrides",
          "infrastructure");

  private final ProviderRegistry providers;
  private final ProviderSchemas schemas = new ProviderSchemas();
  // The SPI says descriptor() is called once per loaded provider. Weak keys: a provider that is
  // unloaded (or a registry's short-lived wrapper) is not kept alive here.
  private final Map<InfrastructureProvider, ProviderDescriptor> descriptors =
      Collections.synchronizedMap(new WeakHashMap<>());

  WorkloadClusterBinder(ProviderRegistry providers) {
    this.providers = providers;
  }

  /**
   * @return the request and its provider; empty if any problem was found (all are in {@code problems})
   */
  Optional<Bound> bind(JsonNode root, Problems problems) {
    if (!root.isObject()) {
      problems.add(
          FieldPaths.DOCUMENT, Values.wrongType("a " + KIND + " object (apiVersion, kind, metadata, spec)", root));
      return Optional.empty();
    }
    StrictObject document = StrictObject.of(root, "", ROOT_FIELDS, problems).orElseThrow();
    expectConstant(document, "apiVersion", API_VERSION, problems);
    expectConstant(document, "kind", KIND, problems);
    Optional<Metadata> metadata =
        document
            .requiredObject("metadata", METADATA_FIELDS, "{name: <cluster name>, namespace: <project>}")
            .flatMap(object -> metadata(object, problems));
    Optional<Bound> spec =
        document
            .requiredObject("spec", SPEC_FIELDS, "the cluster's specification")
            .flatMap(object -> spec(object, metadata, problems));
    return problems.isEmpty() ? spec : Optional.empty();
  }

  private Optional<Metadata> metadata(StrictObject metadata, Problems problems) {
    Optional<String> name = metadata.requiredString("name", "the cluster name");
    name.flatMap(value -> nameProblem(value, MAX_NAME_LENGTH, "(derived Machine names must fit in 63)"))
        .ifPresent(problem -> problems.add(metadata.path("name"), problem));
    Optional<String> project = metadata.requiredString("namespace", "the project (tenant) the cluster belongs to");
    project
        .flatMap(
            value -> nameProblem(value, MAX_PROJECT_LENGTH, "(the CAPI namespace <project>--<name> must fit in 63)"))
        .ifPresent(problem -> problems.add(metadata.path("namespace"), problem));
    Map<String, String> labels = stringMap(metadata, "labels", KubernetesNames::labelValueProblem, problems);
    Map<String, String> annotations = stringMap(metadata, "annotations", value -> Optional.empty(), problems);
    if (name.isEmpty() || project.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Metadata(name.get(), project.get(), labels, annotations));
  }

  private static Optional<String> nameProblem(String value, int maxLength, String whyThatLong) {
    Optional<String> problem = KubernetesNames.dnsLabelProblem(value, maxLength, whyThatLong);
    if (problem.isEmpty() && value.contains(NAMESPACE_SEPARATOR)) {
      problem =
          Optional.of(
              "must not contain '--': it separates project and cluster name in the cluster's CAPI namespace"
                  + " <project>--<name>");
    }
    return problem;
  }

  private Optional<Bound> spec(StrictObject spec, Optional<Metadata> metadata, Problems problems) {
    Optional<InfrastructureProvider> provider = provider(spec, problems);
    Optional<ProviderDescriptor> descriptor = provider.map(this::descriptor);
    Optional<String> kubernetesVersion =
        spec.requiredString(
            "kubernetesVersion", "a Kubernetes version such as v1.33.4, " + KubernetesVersions.SUPPORTED);
    kubernetesVersion
        .flatMap(KubernetesVersions::problem)
        .ifPresent(problem -> problems.add(spec.path("kubernetesVersion"), problem));
    Optional<CredentialRef> cloudAccountRef = CredentialRefReader.read(spec, descriptor, problems);
    ProviderSettings settings = new ProviderSettings(schemas, descriptor, problems);
    Optional<NodePool> controlPlane = PoolsReader.controlPlane(spec, settings, problems);
    List<NodePool> workerPools = PoolsReader.workerPools(spec, settings, problems);
    ClusterNetwork network = NetworkReader.read(spec, problems);
    List<String> sshAuthorizedKeys = sshAuthorizedKeys(spec, problems);
    List<ProfileRef> profiles = ProfilesReader.read(spec, problems);
    Map<String, Object> variables = ProfilesReader.variables(spec, problems);
    List<ProfileOverride> overrides = ProfilesReader.overrides(spec, profiles, problems);
    Settings infrastructure = settings.cluster(spec);
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    // No problems: every required value above is present.
    Metadata meta = metadata.orElseThrow();
    ClusterRequest request =
        new ClusterRequest(
            meta.name,
            meta.project,
            meta.project + NAMESPACE_SEPARATOR + meta.name,
            descriptor.orElseThrow().id(),
            kubernetesVersion.orElseThrow(),
            cloudAccountRef,
            controlPlane.orElseThrow(),
            workerPools,
            network,
            sshAuthorizedKeys,
            infrastructure);
    return Optional.of(
        new Bound(new WorkloadCluster(request, meta.labels, meta.annotations, profiles, variables, overrides), provider.orElseThrow()));
  }

  private Optional<InfrastructureProvider> provider(StrictObject spec, Problems problems) {
    String loaded = providers.ids().isEmpty() ? "none is loaded" : "loaded: " + String.join(", ", providers.ids());
    Optional<String> id = spec.requiredString("provider", "the id of the infrastructure provider (" + loaded + ")");
    Optional<InfrastructureProvider> provider = id.flatMap(providers::find);
    if (id.isPresent() && provider.isEmpty()) {
      problems.add(
          spec.path("provider"), "must name a loaded provider (" + loaded + "); got " + Values.quote(id.get()));
    }
    return provider;
  }

  private ProviderDescriptor descriptor(InfrastructureProvider provider) {
    return descriptors.computeIfAbsent(provider, InfrastructureProvider::descriptor);
  }

  private static List<String> sshAuthorizedKeys(StrictObject spec, Problems problems) {
    List<String> keys = new ArrayList<>();
    for (StrictObject.Element element : spec.list("sshAuthorizedKeys")) {
      Values.string(element.value(), element.path(), problems)
          .ifPresent(
              key -> {
                Optional<String> problem = SshPublicKeys.problem(key);
                problem.ifPresent(message -> problems.add(element.path(), message));
                if (problem.isEmpty()) {
                  keys.add(key.strip());
                }
              });
    }
    return keys;
  }

  /** A map of strings whose keys are qualified names (labels, annotations). */
  private static Map<String, String> stringMap(
      StrictObject parent, String field, Function<String, Optional<String>> valueProblem, Problems problems) {
    Map<String, String> map = new LinkedHashMap<>();
    Optional<JsonNode> object = parent.value(field);
    if (object.isEmpty() || !Values.isObject(object.get(), parent.path(field), problems)) {
      return map;
    }
    for (Map.Entry<String, JsonNode> entry : object.get().properties()) {
      String path = FieldPaths.field(parent.path(field), entry.getKey());
      KubernetesNames.qualifiedNameProblem(entry.getKey()).ifPresent(problem -> problems.add(path, problem));
      Optional<String> value = Values.string(entry.getValue(), path, problems);
      value.flatMap(valueProblem).ifPresent(problem -> problems.add(path, problem));
      value.ifPresent(present -> map.put(entry.getKey(), present));
    }
    return map;
  }

  private static void expectConstant(StrictObject object, String field, String expected, Problems problems) {
    object.requiredString(field, expected)
        .filter(value -> !value.equals(expected))
        .ifPresent(value -> problems.add(object.path(field), "must be " + expected + "; got " + Values.quote(value)));
  }

  /** A bound request and the provider it names. */
  record Bound(WorkloadCluster cluster, InfrastructureProvider provider) {}

  private record Metadata(String name, String project, Map<String, String> labels, Map<String, String> annotations) {}
}
