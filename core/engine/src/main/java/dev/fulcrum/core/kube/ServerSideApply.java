package dev.fulcrum.core.kube;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side apply under Fulcrum's field manager, {@value #FIELD_MANAGER}.
 *
 * <p>An apply that conflicts only with fields Fulcrum itself owns (for instance through an earlier
 * create or update, which the API server records as a separate manager entry) is repeated with
 * {@code force}; a conflict with any other manager is reported as an {@link ApplyConflictException}
 * and changes nothing.
 */
public final class ServerSideApply {
  /** The field manager every Fulcrum write names. */
  public static final String FIELD_MANAGER = "fulcrum";

  private static final String CONFLICT_CAUSE = "FieldManagerConflict";
  private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

  private final KubernetesClient client;

  public ServerSideApply(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Applies the object: the fields it holds become Fulcrum's, fields Fulcrum applied before and the
   * object no longer holds are removed.
   *
   * @param object a complete object (apiVersion, kind, metadata.name, namespace if namespaced)
   * @return the object as stored
   * @throws ApplyConflictException if another manager owns a field the object sets differently
   * @throws KubernetesClientException for any other refusal
   */
  public ObjectNode apply(JsonNode object) {
    try {
      return KubeTrees.tree(client.resource(KubeTrees.resource(object)).fieldManager(FIELD_MANAGER).serverSideApply());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 0 && !served(object)) {
        // fabric8's own message dumps the whole object; say what is wrong instead.
        throw new KubernetesClientException(
            "the management cluster does not serve " + object.path("apiVersion").asString() + " "
                + object.path("kind").asString() + ": its CRD is not installed (Cluster API and the infrastructure"
                + " provider must be)",
            e);
      }
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      List<ApplyConflictException.FieldConflict> conflicts = conflicts(e.getStatus());
      if (conflicts.isEmpty()) {
        throw e;
      }
      if (!conflicts.stream().allMatch(conflict -> conflict.manager().equals(FIELD_MANAGER))) {
        throw new ApplyConflictException(KubeTrees.describe(object), conflicts);
      }
      return KubeTrees.tree(
          client.resource(KubeTrees.resource(object)).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
    }
  }

  /** Whether the API server serves the object's kind (discovery). */
  private boolean served(JsonNode object) {
    APIResourceList resources = client.getApiResources(object.path("apiVersion").asString());
    return resources != null
        && resources.getResources().stream().anyMatch(resource -> resource.getKind().equals(object.path("kind").asString()));
  }

  private static List<ApplyConflictException.FieldConflict> conflicts(Status status) {
    List<ApplyConflictException.FieldConflict> conflicts = new ArrayList<>();
    if (status == null || status.getDetails() == null) {
      return conflicts;
    }
    for (StatusCause cause : status.getDetails().getCauses()) {
      Matcher manager = MANAGER.matcher(String.valueOf(cause.getMessage()));
      if (CONFLICT_CAUSE.equals(cause.getReason()) && manager.find()) {
        conflicts.add(new ApplyConflictException.FieldConflict(manager.group(1), String.valueOf(cause.getField())));
      }
    }
    return conflicts;
  }
}
