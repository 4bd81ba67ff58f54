package dev.fulcrum.core.steps;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.kube.Namespaces;
import dev.fulcrum.core.kube.ServerSideApply;
import dev.fulcrum.core.profiles.AddonPlanner;
import dev.fulcrum.core.render.Labels;
import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.core.request.RequestReader;
import dev.fulcrum.core.request.WorkloadCluster;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step 1, accept: validate the request (core rules, the provider's schemas and rules) and store it
 * as a {@code WorkloadCluster} in the management cluster.
 *
 * <p>Requests arrive through {@link #create} and {@link #apply} (the REST API): an invalid one is refused with every
 * problem at its field path and nothing is stored. A WorkloadCluster can also be written straight to
 * the management cluster ({@code kubectl apply}); {@link #reconcile} validates whatever is stored,
 * so both ways meet the same rules, and records the verdict in the {@value #CONDITION} condition.
 */
public final class Accept extends Step {
  public static final String NAME = "Accept";
  public static final String CONDITION = "Accepted";

  private final RequestReader reader;
  private final AddonPlanner addons;
  private final WorkloadClusters clusters;
  private final ServerSideApply applier;

  /** @param addons checks the request's profiles, variables and overrides against the stored profiles */
  public Accept(RequestReader reader, AddonPlanner addons, WorkloadClusters clusters, ServerSideApply applier) {
    super(NAME, CONDITION, "validate and store the request");
    this.reader = reader;
    this.addons = addons;
    this.clusters = clusters;
    this.applier = applier;
  }

  /**
   * Validates a request and stores it as a new cluster.
   *
   * @param input the request, YAML or JSON
   * @param project the project addressed; the request's {@code metadata.namespace} must be it
   * @return the WorkloadCluster as stored
   * @throws InvalidRequestException if the request is invalid (nothing is stored)
   * @throws ClusterExistsException if the project has a cluster of that name
   */
  public ObjectNode create(byte[] input, String project) {
    RequestReader.Validated validated = validated(input);
    ClusterRef named = ClusterRef.of(validated.document());
    requireTarget(named, new ClusterRef(project, named.name()));
    if (clusters.get(named).isPresent()) {
      throw new ClusterExistsException(named);
    }
    return store(validated);
  }

  /**
   * Validates a request and stores it, creating the cluster or changing it to the request.
   *
   * @param input the request, YAML or JSON
   * @param target the cluster addressed; the request's metadata must name it
   * @return the WorkloadCluster as stored
   * @throws InvalidRequestException if the request is invalid (nothing is stored)
   * @throws dev.fulcrum.core.kube.ApplyConflictException if another field manager (kubectl, say)
   *     changed a field the request sets differently
   */
  public ObjectNode apply(byte[] input, ClusterRef target) {
    RequestReader.Validated validated = validated(input);
    requireTarget(ClusterRef.of(validated.document()), target);
    return store(validated);
  }

  /** The request, valid by itself and in its use of cluster profiles. */
  private RequestReader.Validated validated(byte[] input) {
    RequestReader.Validated validated = reader.readValidated(input);
    List<FieldError> problems = addons.validate(validated.cluster());
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return validated;
  }

  private ObjectNode store(RequestReader.Validated validated) {
    // A project is a namespace of the management cluster; the first cluster in it creates it.
    String project = ClusterRef.of(validated.document()).project();
    applier.apply(Namespaces.namespace(project, Map.of(Labels.MANAGED_BY, Labels.MANAGED_BY_FULCRUM)));
    // The reader admits only the fields a request may have, so the document is stored as it is.
    return clusters.apply(validated.document());
  }

  @Override
  public StepOutcome reconcile(WorkloadClusterState cluster) {
    byte[] document = Mappers.json().writeValueAsBytes(cluster.requestDocument());
    ClusterRequest request;
    try {
      WorkloadCluster read = reader.readWorkloadCluster(document);
      List<FieldError> problems = addons.validate(read);
      if (!problems.isEmpty()) {
        throw new InvalidRequestException(problems);
      }
      request = read.request();
    } catch (InvalidRequestException e) {
      return StepOutcome.failed("Invalid", e.getMessage());
    }
    cluster.accepted(request);
    return StepOutcome.done(
        "Valid",
        "provider " + request.provider() + ", Kubernetes " + request.kubernetesVersion() + ", "
            + request.controlPlane().replicas() + " control-plane and "
            + request.workerPools().stream().mapToInt(pool -> pool.replicas()).sum() + " worker machines");
  }

  private static void requireTarget(ClusterRef named, ClusterRef target) {
    List<FieldError> errors = new ArrayList<>();
    if (!named.project().equals(target.project())) {
      errors.add(new FieldError("metadata.namespace", "must be the project addressed, " + target.project()));
    }
    if (!named.name().equals(target.name())) {
      errors.add(new FieldError("metadata.name", "must be the cluster addressed, " + target.name()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }
}
