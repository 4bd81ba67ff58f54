package dev.fulcrum.sandbox.capi;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which failures a Machine suffers. Asked every time the machine's infrastructure is reconciled, so a hook
 * whose answer changes takes effect on the next reconcile.
 */
@FunctionalInterface
public interface FailureInjection {

  /** The Machine a decision is about. */
  record Target(String namespace, String name, Map<String, String> labels) {
    public Target {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
      labels = Map.copyOf(labels);
    }
  }

  /** The failures the machine suffers; empty for a healthy machine. */
  Set<MachineFailure> failuresFor(Target machine);

  /** Every machine is healthy. */
  static FailureInjection none() {
    return machine -> Set.of();
  }

  /** Machines whose name matches {@code namePattern} entirely suffer {@code failures}. */
  static FailureInjection byNamePattern(String namePattern, MachineFailure... failures) {
    Pattern pattern = Pattern.compile(namePattern);
    Set<MachineFailure> set = asSet(failures);
    return machine -> pattern.matcher(machine.name()).matches() ? set : Set.of();
  }

  /** Machines carrying the label {@code key=value} suffer {@code failures}. */
  static FailureInjection byLabel(String key, String value, MachineFailure... failures) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Set<MachineFailure> set = asSet(failures);
    return machine -> value.equals(machine.labels().get(key)) ? set : Set.of();
  }

  /** The failures of this rule and of {@code other} together. */
  default FailureInjection and(FailureInjection other) {
    Objects.requireNonNull(other, "other");
    return machine -> {
      Set<MachineFailure> union = EnumSet.noneOf(MachineFailure.class);
      union.addAll(failuresFor(machine));
      union.addAll(other.failuresFor(machine));
      return union;
    };
  }

  private static Set<MachineFailure> asSet(MachineFailure... failures) {
    if (failures.length == 0) {
      throw new IllegalArgumentException("name at least one failure to inject");
    }
    return Set.copyOf(EnumSet.of(failures[0], failures));
  }
}
