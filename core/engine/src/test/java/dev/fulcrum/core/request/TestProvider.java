package dev.fulcrum.core.request;

import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.CredentialPolicy;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.Manifest;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.ProviderDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A small in-test provider: a descriptor, a schema per settings kind, and optional own rules. */
final class TestProvider implements InfrastructureProvider {
  /** The "lab" provider's cluster settings: {@code server} required, closed. */
  static final String LAB_CLUSTER_SCHEMA =
      """
      {"type": "object", "required": ["server"], "additionalProperties": false,
       "properties": {
         "server": {"type": "string", "minLength": 1},
         "port": {"type": "integer", "minimum": 1, "maximum": 65535},
         "endpoint": {"type": "object", "required": ["host"], "additionalProperties": false,
                      "properties": {"host": {"type": "string", "format": "hostname"}, "port": {"type": "integer"}}}}}
      """;

  /** The "lab" provider's machine settings: closed, nothing required. */
  static final String LAB_MACHINE_SCHEMA =
      """
      {"type": "object", "additionalProperties": false,
       "properties": {
         "instanceType": {"type": "string", "pattern": "^[a-z0-9.]+$"},
         "cpus": {"type": "integer", "minimum": 1},
         "tags": {"type": "array", "items": {"type": "string"}}}}
      """;

  static final String PERMISSIVE_SCHEMA = "{\"type\": \"object\"}";

  private final ProviderDescriptor descriptor;
  private final Function<ClusterRequest, List<FieldError>> rules;
  private final List<ClusterRequest> validated = new CopyOnWriteArrayList<>();

  TestProvider(
      String id,
      CredentialPolicy credentials,
      String clusterSchema,
      String machineSchema,
      Function<ClusterRequest, List<FieldError>> rules) {
    this.descriptor =
        new ProviderDescriptor(
            id,
            "Test " + id,
            "infrastructure.test.fulcrum.dev/v1beta2",
            "TestCluster",
            "TestMachine",
            "TestMachineTemplate",
            "v1beta2",
            List.of(),
            credentials,
            clusterSchema,
            machineSchema);
    this.rules = rules;
  }

  /**
   * The provider most tests use: id "lab", optional credentials of kind LabIdentity (default) or
   * Secret, and one rule of its own: {@code spec.infrastructure.port} must not be 22.
   */
  static TestProvider lab() {
    return new TestProvider(
        "lab",
        CredentialPolicy.optional("LabIdentity", "LabIdentity", "Secret"),
        LAB_CLUSTER_SCHEMA,
        LAB_MACHINE_SCHEMA,
        request ->
            request.infrastructure().integer("port").filter(port -> port == 22).isPresent()
                ? List.of(new FieldError("spec.infrastructure.port", "must not be 22: the nodes' SSH uses it"))
                : List.of());
  }

  /** A provider with a permissive schema for both settings and no rules of its own. */
  static TestProvider permissive(String id, CredentialPolicy credentials) {
    return new TestProvider(id, credentials, PERMISSIVE_SCHEMA, PERMISSIVE_SCHEMA, request -> List.of());
  }

  /** A reader that knows exactly these providers. */
  static RequestReader readerFor(InfrastructureProvider... providers) {
    Map<String, InfrastructureProvider> byId =
        Arrays.stream(providers)
            .collect(Collectors.toMap(provider -> provider.descriptor().id(), provider -> provider));
    return new RequestReader(
        new ProviderRegistry() {
          @Override
          public Optional<InfrastructureProvider> find(String id) {
            return Optional.ofNullable(byId.get(id));
          }

          @Override
          public SortedSet<String> ids() {
            return new TreeSet<>(byId.keySet());
          }
        });
  }

  /** Every request this provider was asked to validate. */
  List<ClusterRequest> validated() {
    return validated;
  }

  @Override
  public ProviderDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public List<FieldError> validate(ClusterRequest request) {
    validated.add(request);
    return rules.apply(request);
  }

  @Override
  public Manifest infrastructureCluster(ClusterRequest request) {
    return Manifest.of(descriptor.apiVersion(), descriptor.clusterKind(), request.infrastructure().values());
  }

  @Override
  public Manifest machineTemplate(ClusterRequest request, NodePool pool) {
    return Manifest.of(descriptor.apiVersion(), descriptor.machineTemplateKind(), pool.machine().values());
  }

  @Override
  public CloudInit cloudInit(ClusterRequest request, NodePool pool) {
    return CloudInit.sshUser("fulcrum", "ALL=(ALL) NOPASSWD:ALL", request.sshAuthorizedKeys());
  }
}
