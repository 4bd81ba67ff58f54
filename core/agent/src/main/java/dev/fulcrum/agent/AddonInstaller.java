package dev.fulcrum.agent;

import dev.fulcrum.agent.AddonInventory.ApiKind;
import dev.fulcrum.agent.DesiredSpec.AddonLayer;
import dev.fulcrum.agent.DesiredSpec.Drift;
import dev.fulcrum.agent.StatusReport.AddonStatus;
import dev.fulcrum.agent.StatusReport.LayerState;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step 6: installs a spec's add-on layers in order and keeps them installed. Each call does what can be done now:
 *
 * <ul>
 *   <li>A layer starts once every earlier layer is installed (which also satisfies its {@code dependsOn}, since
 *       those name earlier layers). Its objects are applied with server-side apply, labelled with the layer's id,
 *       namespaced ones without a namespace put in the layer's; it is {@code Ready} once every object is
 *       ({@link ObjectReadiness}).
 *   <li>A layer that cannot be applied, or is not ready within {@link AddonTimings#readyTimeout()}, is
 *       {@code Failed}: later layers wait, and it is applied again after a back-off that doubles with each failure;
 *       a changed layer is applied at once.
 *   <li>An applied object changed or deleted by hand is drift: applied again with an event ({@code correct}), or
 *       its layer is {@code Drifted}, naming it ({@code report}).
 *   <li>Once every layer is installed, labelled add-on objects that no layer holds any more are pruned.
 * </ul>
 *
 * <p>Progress is kept in memory: after a restart every layer is applied once more (server-side apply makes that a
 * no-op for objects that did not change). Not thread-safe: the agent's reconcile loop is its only caller.
 */
final class AddonInstaller {

  private final OwnCluster cluster;
  private final EventJournal journal;
  private final AddonTimings timings;
  private final Clock clock;
  private final AddonInventory inventory;
  private final AddonPruner pruner;
  private final Map<String, LayerProgress> progress = new HashMap<>();
  /** Whether a kind is namespaced, for kinds the API serves; a kind's scope never changes. */
  private final Map<ApiKind, Boolean> scopes = new HashMap<>();

  AddonInstaller(OwnCluster cluster, AgentConfigMaps configMaps, EventJournal journal, AddonTimings timings,
      Clock clock) {
    this.cluster = cluster;
    this.journal = journal;
    this.timings = timings;
    this.clock = clock;
    this.inventory = new AddonInventory(configMaps);
    this.pruner = new AddonPruner(cluster, inventory);
  }

  /**
   * Where the layers stand after one pass.
   *
   * @param layers every layer, in apply order
   * @param blocking the first layer not installed, if any: what the cluster waits for
   */
  record Progress(List<AddonStatus> layers, Optional<AddonStatus> blocking) {}

  /** Every layer {@code Pending} with the reason, for while add-ons cannot start. */
  static List<AddonStatus> pending(DesiredSpec spec, String why) {
    return spec.addons().layers().stream()
        .map(layer -> new AddonStatus(layer.id(), LayerState.PENDING, why, layer.objects().size())).toList();
  }

  /** Installs and checks the spec's layers as far as possible now, then prunes once all are installed. */
  Progress reconcile(DesiredSpec spec, ObjectLabels labels) {
    List<AddonLayer> layers = spec.addons().layers();
    progress.keySet().retainAll(layers.stream().map(AddonLayer::id).toList());
    List<AddonStatus> statuses = new ArrayList<>();
    AddonStatus blocking = null;
    for (AddonLayer layer : layers) {
      AddonStatus status = blocking == null ? reconcile(layer, labels)
          : status(layer, LayerState.PENDING, "waiting for add-on layer " + blocking.id());
      statuses.add(status);
      if (blocking == null && !status.state().installed()) {
        blocking = status;
      }
    }
    if (blocking == null) {
      prune(layers, labels);
    }
    return new Progress(statuses, Optional.ofNullable(blocking));
  }

  private AddonStatus reconcile(AddonLayer layer, ObjectLabels labels) {
    Instant now = clock.instant();
    LayerProgress layerProgress = progress.get(layer.id());
    if (layerProgress == null || !layerProgress.layer.equals(layer)) {
      layerProgress = new LayerProgress(layer);
      progress.put(layer.id(), layerProgress);
    }
    if (layerProgress.retryAt != null) {
      if (now.isBefore(layerProgress.retryAt)) {
        return status(layer, LayerState.FAILED, layerProgress.failure + " (next attempt in "
            + seconds(Duration.between(now, layerProgress.retryAt)) + ")");
      }
      layerProgress.retryAt = null;
    }
    AddonStatus status;
    try {
      status = layerProgress.applied.isEmpty() ? apply(layerProgress, labels, now) : check(layerProgress, now);
    } catch (KubernetesClientException | ObjectReadiness.NeverReadyException | LayerFailedException e) {
      return fail(layerProgress, reason(e), now);
    }
    if (status.state() == LayerState.READY && layerProgress.lastState != LayerState.READY) {
      journal.record("AddonLayerReady", "add-on layer " + layer.id() + " (profile " + layer.profile() + " "
          + layer.profileVersion() + ") is ready: " + layer.objects().size() + " object(s)");
      layerProgress.failures = 0;
    }
    layerProgress.lastState = status.state();
    return status;
  }

  /** Applies the layer's objects in order, then checks them; waits when a kind's CRD is still being established. */
  private AddonStatus apply(LayerProgress layerProgress, ObjectLabels labels, Instant now) {
    AddonLayer layer = layerProgress.layer;
    if (!layer.problem().isEmpty()) {
      throw new LayerFailedException("the management plane could not render it: " + layer.problem());
    }
    List<AppliedObject> applied = new ArrayList<>();
    for (ObjectNode object : layer.objects()) {
      Optional<ObjectNode> desired = resolve(object, layer, labels);
      if (desired.isEmpty()) {
        Optional<ObjectNode> definition = layer.objects().stream().filter(o -> defines(o, object)).findFirst();
        if (definition.isPresent()) {
          return waiting(layerProgress, AddonObjects.describe(definition.get()) + " to be established", now);
        }
        throw new LayerFailedException("the cluster serves no kind " + CapiKinds.kind(object) + " at apiVersion "
            + object.path("apiVersion").asString() + " (" + AddonObjects.describe(object, layer.namespace()) + ")");
      }
      inventory.addAll(List.of(new ApiKind(object.path("apiVersion").asString(), CapiKinds.kind(object))));
      applied.add(new AppliedObject(desired.get(), JsonSubset.project(cluster.apply(desired.get()), desired.get())));
    }
    layerProgress.applied = applied;
    return check(layerProgress, now);
  }

  /** Corrects or reports drift, then reports whether every object is ready. */
  private AddonStatus check(LayerProgress layerProgress, Instant now) {
    AddonLayer layer = layerProgress.layer;
    List<String> drifted = new ArrayList<>();
    List<String> waits = new ArrayList<>();
    for (int i = 0; i < layerProgress.applied.size(); i++) {
      AppliedObject object = layerProgress.applied.get(i);
      Optional<ObjectNode> live = cluster.get(object.desired());
      if (live.isEmpty() || !JsonSubset.contains(live.get(), object.asApplied())) {
        String what = AddonObjects.describe(object.desired()) + (live.isEmpty() ? " was deleted" : " was changed");
        if (layer.drift() == Drift.CORRECT) {
          ObjectNode reapplied = cluster.apply(object.desired());
          layerProgress.applied.set(i, new AppliedObject(object.desired(),
              JsonSubset.project(reapplied, object.desired())));
          journal.record("DriftCorrected", "add-on layer " + layer.id() + ": " + what + " by hand; applied again");
          live = Optional.of(reapplied);
        } else {
          drifted.add(what);
        }
      }
      live.flatMap(ObjectReadiness::waitingFor).ifPresent(waits::add);
    }
    if (!waits.isEmpty()) {
      return waiting(layerProgress, waits.get(0) + (waits.size() > 1 ? " (and " + (waits.size() - 1)
          + " more)" : ""), now);
    }
    layerProgress.notReadySince = null;
    if (drifted.isEmpty()) {
      layerProgress.reportedDrift = List.of();
      return status(layer, LayerState.READY, "");
    }
    String message = "drift (reported, not corrected): " + String.join(", ", drifted);
    if (!drifted.equals(layerProgress.reportedDrift)) {
      journal.record("DriftDetected", "add-on layer " + layer.id() + ": " + String.join(", ", drifted)
          + " by hand; profile " + layer.profile() + " reports drift without correcting it");
      layerProgress.reportedDrift = drifted;
    }
    return status(layer, LayerState.DRIFTED, message);
  }

  private AddonStatus waiting(LayerProgress layerProgress, String what, Instant now) {
    if (layerProgress.notReadySince == null) {
      layerProgress.notReadySince = now;
    }
    if (Duration.between(layerProgress.notReadySince, now).compareTo(timings.readyTimeout()) > 0) {
      throw new LayerFailedException("not ready within " + seconds(timings.readyTimeout()) + ": waiting for "
          + what);
    }
    return status(layerProgress.layer, LayerState.APPLYING, "waiting for " + what);
  }

  private AddonStatus fail(LayerProgress layerProgress, String reason, Instant now) {
    layerProgress.failures++;
    Duration wait = timings.retryAfter(layerProgress.failures);
    layerProgress.retryAt = now.plus(wait);
    layerProgress.failure = reason;
    layerProgress.applied = List.of();
    layerProgress.notReadySince = null;
    layerProgress.lastState = LayerState.FAILED;
    journal.record("AddonLayerFailed", "add-on layer " + layerProgress.layer.id() + " failed (attempt "
        + layerProgress.failures + "): " + reason + "; next attempt in " + seconds(wait));
    return status(layerProgress.layer, LayerState.FAILED, reason);
  }

  private void prune(List<AddonLayer> layers, ObjectLabels labels) {
    Set<String> keys = new LinkedHashSet<>();
    Set<ApiKind> kinds = new LinkedHashSet<>();
    for (AddonLayer layer : layers) {
      for (AppliedObject object : progress.get(layer.id()).applied) {
        keys.add(AddonObjects.key(object.desired()));
        kinds.add(new ApiKind(object.desired().path("apiVersion").asString(), CapiKinds.kind(object.desired())));
      }
    }
    for (String deleted : pruner.prune(keys, kinds, labels)) {
      journal.record("AddonObjectPruned", deleted + " deleted: no add-on layer holds it any more");
    }
  }

  /**
   * The object as applied: labelled, in the layer's namespace when its kind is namespaced and it names none;
   * empty when the API does not serve its kind.
   */
  private Optional<ObjectNode> resolve(ObjectNode object, AddonLayer layer, ObjectLabels labels) {
    ApiKind kind = new ApiKind(object.path("apiVersion").asString(), CapiKinds.kind(object));
    Boolean namespaced = scopes.get(kind);
    if (namespaced == null) {
      namespaced = cluster.namespaced(kind.apiVersion(), kind.kind()).orElse(null);
      if (namespaced == null) {
        return Optional.empty();
      }
      scopes.put(kind, namespaced);
    }
    ObjectNode stamped = labels.stampAddon(object, layer.id());
    ObjectNode metadata = (ObjectNode) stamped.get("metadata");
    if (!namespaced) {
      metadata.remove("namespace");
    } else if (metadata.path("namespace").asString("").isBlank()) {
      metadata.put("namespace", layer.namespace());
    }
    return Optional.of(stamped);
  }

  /** Whether {@code definition} is a CustomResourceDefinition of {@code object}'s kind. */
  private static boolean defines(JsonNode definition, JsonNode object) {
    return CapiKinds.kind(definition).equals("CustomResourceDefinition")
        && definition.at("/spec/group").asString("").equals(CapiKinds.group(object))
        && definition.at("/spec/names/kind").asString("").equals(CapiKinds.kind(object));
  }

  private static AddonStatus status(AddonLayer layer, LayerState state, String message) {
    return new AddonStatus(layer.id(), state, message, layer.objects().size());
  }

  private static String reason(RuntimeException e) {
    if (e instanceof KubernetesClientException kube && kube.getStatus() != null
        && kube.getStatus().getMessage() != null) {
      return "the API refused an object: " + kube.getStatus().getMessage();
    }
    return e.getMessage();
  }

  private static String seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000) + "s";
  }

  /**
   * An object the agent applied: what it applies, and the projection of what the API stored then, which the live
   * object is compared with to find drift.
   */
  private record AppliedObject(ObjectNode desired, JsonNode asApplied) {}

  /** What the agent knows of one layer (at one content). */
  private static final class LayerProgress {
    final AddonLayer layer;
    /** Empty until every object is applied; then the layer is checked, not applied, on each pass. */
    List<AppliedObject> applied = List.of();
    Instant notReadySince;
    Instant retryAt;
    String failure;
    int failures;
    LayerState lastState = LayerState.PENDING;
    List<String> reportedDrift = List.of();

    LayerProgress(AddonLayer layer) {
      this.layer = layer;
    }
  }

  /** A layer that cannot be installed as it is. */
  private static final class LayerFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LayerFailedException(String message) {
      super(message);
    }
  }
}
