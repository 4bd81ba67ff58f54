package dev.fulcrum.core.profiles;

import java.util.Locale;

/** What the agent does with a layer object changed or deleted by hand. */
public enum DriftPolicy {
  /** Apply the object again. */
  CORRECT,
  /** Leave it; report the layer as drifted. */
  REPORT;

  /** The name profiles use: {@code correct} or {@code report}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
