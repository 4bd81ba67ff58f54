package dev.fulcrum.core.server;

import dev.fulcrum.core.kube.ApplyConflictException;
import dev.fulcrum.core.profiles.ProfileInUseException;
import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.core.steps.ClusterExistsException;
import dev.fulcrum.spi.FieldError;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/** Maps what handlers throw to the problem the API answers with. */
final class Failures {
  private Failures() {}

  static ApiProblem problem(Throwable failure) {
    if (failure instanceof ApiProblem problem) {
      return problem;
    }
    if (failure instanceof InvalidRequestException invalid) {
      boolean unreadable =
          invalid.errors().stream().allMatch(error -> error.path().equals(InvalidRequestException.DOCUMENT_PATH));
      return unreadable ? ApiProblem.malformed(invalid.errors()) : ApiProblem.invalid(invalid.errors());
    }
    if (failure instanceof ClusterExistsException exists) {
      return ApiProblem.conflict(exists.getMessage() + "; PUT it to change it", List.of());
    }
    if (failure instanceof ProfileInUseException inUse) {
      return ApiProblem.conflict(inUse.getMessage(), List.of());
    }
    if (failure instanceof ApplyConflictException conflict) {
      return ApiProblem.conflict(
          "another field manager changed fields this request sets; change them back or through the same tool",
          conflict.conflicts().stream()
              .map(field -> new FieldError(field.field().replaceFirst("^\\.", ""), "managed by " + field.manager()))
              .toList());
    }
    if (failure instanceof KubernetesClientException kubernetes) {
      return ApiProblem.managementCluster(
          kubernetes.getStatus() != null && kubernetes.getStatus().getMessage() != null
              ? kubernetes.getStatus().getMessage()
              : String.valueOf(kubernetes.getMessage()));
    }
    return ApiProblem.internal();
  }
}
