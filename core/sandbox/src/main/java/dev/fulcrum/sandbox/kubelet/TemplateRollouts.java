package dev.fulcrum.sandbox.kubelet;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each workload's current pod template was first seen: its rollout completes {@code rolloutDelay} later, as if
 * its pods took that long to start.
 */
final class TemplateRollouts {

  /** When a workload's pod template (by hash) was first seen. */
  private record TemplateSeen(String template, Instant since) {}

  private final Duration rolloutDelay;
  private final KubernetesSerialization serialization;
  private final Map<WorkloadKey, TemplateSeen> templateSeen = new ConcurrentHashMap<>();

  TemplateRollouts(Duration rolloutDelay, KubernetesSerialization serialization) {
    this.rolloutDelay = rolloutDelay;
    this.serialization = serialization;
  }

  /** A hash of the pod template: any change to it is a new version to roll out. */
  String hash(PodTemplateSpec template) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(serialization.asJson(template).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How long until the workload's pod template {@code template} is rolled out; zero once it is. */
  Duration left(WorkloadKey workload, String template) {
    TemplateSeen seen = templateSeen.compute(workload, (k, previous) -> previous != null
        && previous.template().equals(template) ? previous : new TemplateSeen(template, Instant.now()));
    Duration left = Duration.between(Instant.now(), seen.since().plus(rolloutDelay));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The workload is gone: a workload of the same name made later rolls out from the start. */
  void forget(WorkloadKey workload) {
    templateSeen.remove(workload);
  }
}
