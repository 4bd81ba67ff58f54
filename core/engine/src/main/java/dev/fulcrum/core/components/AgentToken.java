package dev.fulcrum.core.components;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The credential of one cluster's agent. Its value never appears in {@link #toString()}, in an error, or in a log
 * line written through it; {@link #equals} compares in constant time.
 */
public final class AgentToken {
  private final String value;

  AgentToken(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The secret value, for the one place that must hold it (a Secret's data). */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AgentToken token
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), token.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // a hash of the value would leak information about it; tokens are not kept in hash sets
  }

  @Override
  public String toString() {
    return "AgentToken[redacted]";
  }
}
