package dev.fulcrum.core.engine;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.render.Labels;
import dev.fulcrum.core.yaml.CanonicalJson;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes Events about WorkloadClusters: one per step transition, in the cluster's project, so
 * {@code kubectl describe workloadcluster} shows them too.
 *
 * <p>An event's name is derived from the transition it reports (the cluster's uid, the step, the
 * condition before and after, the generation). Reporting the same transition again, as a server
 * that crashed before saving the new status will, finds the event already there and adds nothing.
 */
public final class ClusterEvents {
  /** The event label naming the step an event is about. */
  static final String STEP_LABEL = "fulcrum.dev/step";

  private static final String COMPONENT = "fulcrum";
  private static final int MAX_MESSAGE_LENGTH = 1024;
  private static final int NAME_HASH_LENGTH = 16;

  /** Kubernetes' MicroTime: RFC 3339 with exactly six fractional digits. */
  private static final DateTimeFormatter MICROSECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private final KubernetesClient client;

  ClusterEvents(KubernetesClient client) {
    this.client = client;
  }

  /**
   * An event as the REST API shows it.
   *
   * @param time when it happened
   * @param type {@code Normal} or {@code Warning}
   * @param step the step it is about
   * @param reason the step's condition reason
   * @param message what happened
   */
  public record ClusterEvent(Instant time, String type, String step, String reason, String message) {}

  /** The transition a step's condition made. */
  record Transition(String step, String fromStatus, String fromReason, String toStatus, String toReason, String message, boolean warning) {}

  /**
   * Records one transition of a cluster, unless it is recorded already.
   *
   * @param at when it happened, to the microsecond; events list in this order
   */
  void record(JsonNode workloadCluster, Transition transition, Instant at) {
    ClusterRef ref = ClusterRef.of(workloadCluster);
    String uid = workloadCluster.at("/metadata/uid").asString("");
    long generation = workloadCluster.at("/metadata/generation").asLong(0);
    String hash =
        CanonicalJson.sha256Hex(List.of(uid, transition.step(), transition.fromStatus(), transition.fromReason(),
                transition.toStatus(), transition.toReason(), generation))
            .substring(0, NAME_HASH_LENGTH);
    String seconds = at.truncatedTo(ChronoUnit.SECONDS).toString();
    String message = transition.message();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(ref.name() + "." + hash)
            .withNamespace(ref.project())
            .withLabels(Map.of(Labels.CLUSTER, ref.name(), STEP_LABEL, transition.step()))
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(WorkloadClusters.API_VERSION)
            .withKind(WorkloadClusters.KIND)
            .withNamespace(ref.project())
            .withName(ref.name())
            .withUid(uid)
            .endInvolvedObject()
            .withType(transition.warning() ? "Warning" : "Normal")
            .withReason(transition.toReason())
            .withMessage(message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message)
            .withFirstTimestamp(seconds)
            .withLastTimestamp(seconds)
            .withEventTime(new MicroTime(MICROSECONDS.format(at)))
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .build();
    try {
      client.v1().events().inNamespace(ref.project()).resource(event).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  /** The events of one cluster (this incarnation of it: {@code uid}), oldest first. */
  public List<ClusterEvent> list(ClusterRef ref, String uid) {
    return client.v1().events().inNamespace(ref.project()).withLabel(Labels.CLUSTER, ref.name()).list().getItems().stream()
        .filter(event -> event.getInvolvedObject() != null && uid.equals(event.getInvolvedObject().getUid()))
        .map(
            event ->
                new ClusterEvent(
                    time(event),
                    event.getType(),
                    event.getMetadata().getLabels().getOrDefault(STEP_LABEL, ""),
                    event.getReason(),
                    event.getMessage()))
        .sorted(Comparator.comparing(ClusterEvent::time))
        .toList();
  }

  private static Instant time(Event event) {
    if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
      return Instant.parse(event.getEventTime().getTime());
    }
    return Instant.parse(event.getFirstTimestamp());
  }
}
