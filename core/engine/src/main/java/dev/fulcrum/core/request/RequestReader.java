package dev.fulcrum.core.request;

import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.spi.ClusterRequest;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code WorkloadCluster} request (YAML or JSON), bounded, and validates it completely: the
 * core rules, the provider's JSON schemas for its settings, then the provider's own rules.
 *
 * <p>Every problem is reported at once, each at its field path ({@code spec.workerPools[1].replicas}),
 * in an {@link InvalidRequestException}. The input's bounds come first, and a request that breaks one
 * is not read further: at most {@value #MAX_INPUT_BYTES} bytes of UTF-8, exactly one YAML document,
 * at most 16 aliases, nesting at most 32 levels deep, no duplicate keys.
 *
 * <p>The provider's {@link dev.fulcrum.spi.InfrastructureProvider#validate} runs only on a request
 * that passed every core and schema rule. It receives a {@link ClusterRequest}, which can only be
 * built from valid values; with placeholders for the invalid ones the provider would judge garbage.
 * So a request with core errors may reveal provider errors once those are fixed.
 *
 * <p>Thread-safe; one reader serves any number of requests.
 */
public final class RequestReader {
  /** The largest request accepted, in bytes (1 MiB); a server can refuse larger bodies early. */
  public static final int MAX_INPUT_BYTES = BoundedYamlReader.MAX_INPUT_BYTES;

  private final BoundedYamlReader yaml = new BoundedYamlReader();
  private final WorkloadClusterBinder binder;

  /**
   * @param providers the loaded providers; {@code spec.provider} must name one of them
   */
  public RequestReader(ProviderRegistry providers) {
    this.binder = new WorkloadClusterBinder(providers);
  }

  /**
   * @param input the request, UTF-8 YAML or JSON
   * @return the validated request
   * @throws InvalidRequestException listing every problem
   */
  public ClusterRequest read(byte[] input) {
    return readWorkloadCluster(input).request();
  }

  /**
   * Like {@link #read}, keeping what providers do not see: labels, annotations and profiles.
   *
   * @param input the request, UTF-8 YAML or JSON
   * @return the validated request
   * @throws InvalidRequestException listing every problem
   */
  public WorkloadCluster readWorkloadCluster(byte[] input) {
    return validate(yaml.read(input));
  }

  /**
   * Like {@link #readWorkloadCluster}, also giving the request document as read (aliases expanded),
   * for storing the request as sent.
   *
   * @param input the request, UTF-8 YAML or JSON
   * @return the validated request and its document
   * @throws InvalidRequestException listing every problem
   */
  public Validated readValidated(byte[] input) {
    JsonNode tree = yaml.read(input);
    return new Validated(validate(tree), tree.deepCopy());
  }

  private WorkloadCluster validate(JsonNode tree) {
    Problems problems = new Problems();
    Optional<WorkloadClusterBinder.Bound> bound = binder.bind(tree, problems);
    problems.throwIfAny();
    WorkloadClusterBinder.Bound valid = bound.orElseThrow(); // empty only when problems were found
    problems.addAll(valid.provider().validate(valid.cluster().request()));
    problems.throwIfAny();
    return valid.cluster();
  }

  /**
   * A validated request with the document it was read from.
   *
   * @param cluster the validated request
   * @param document the request document (apiVersion, kind, metadata, spec), aliases expanded
   */
  public record Validated(WorkloadCluster cluster, JsonNode document) {}
}
