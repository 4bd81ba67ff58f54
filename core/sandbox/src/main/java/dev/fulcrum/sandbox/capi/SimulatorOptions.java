package dev.fulcrum.sandbox.capi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link CapiSimulator} behaves.
 *
 * @param infraKinds the infrastructure providers to play (at least one)
 * @param workloadApis where workload clusters get their own API
 * @param delays how long each provisioning step takes
 * @param failures which machines fail, and how
 * @param resync how often every object is reconciled again even without a change (health probes, hooks whose
 *     answer changed)
 */
public record SimulatorOptions(
    List<InfraKinds> infraKinds, WorkloadApis workloadApis, Delays delays, FailureInjection failures,
    Duration resync) {

  public SimulatorOptions {
    infraKinds = List.copyOf(infraKinds);
    if (infraKinds.isEmpty()) {
      throw new IllegalArgumentException("infraKinds: name at least one infrastructure provider to simulate");
    }
    Objects.requireNonNull(workloadApis, "workloadApis");
    Objects.requireNonNull(delays, "delays");
    Objects.requireNonNull(failures, "failures");
    Objects.requireNonNull(resync, "resync");
    if (resync.isNegative() || resync.isZero()) {
      throw new IllegalArgumentException("resync must be positive, got " + resync);
    }
  }

  /** Demo delays, no failures, a 30 s resync. */
  public static SimulatorOptions of(WorkloadApis workloadApis, InfraKinds... infraKinds) {
    return new SimulatorOptions(List.of(infraKinds), workloadApis, Delays.demo(), FailureInjection.none(),
        Duration.ofSeconds(30));
  }

  public SimulatorOptions withInfraKinds(List<InfraKinds> infraKinds) {
    return new SimulatorOptions(infraKinds, workloadApis, delays, failures, resync);
  }

  public SimulatorOptions withDelays(Delays delays) {
    return new SimulatorOptions(infraKinds, workloadApis, delays, failures, resync);
  }

  public SimulatorOptions withFailures(FailureInjection failures) {
    return new SimulatorOptions(infraKinds, workloadApis, delays, failures, resync);
  }

  public SimulatorOptions withResync(Duration resync) {
    return new SimulatorOptions(infraKinds, workloadApis, delays, failures, resync);
  }
}
