package dev.fulcrum.core.pivot;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Counts the calls made through it, per operation. Not thread-safe: a move is sequential. */
public final class CountingMoveApi extends InterceptingMoveApi {
  private final EnumMap<Operation, Integer> counts = new EnumMap<>(Operation.class);

  public CountingMoveApi(MoveApi delegate) {
    super(delegate);
  }

  @Override
  protected void beforeCall(Operation operation) {
    counts.merge(operation, 1, Integer::sum);
  }

  /** The calls so far by operation (only operations called), in {@link Operation} order. */
  public Map<Operation, Integer> counts() {
    return Collections.unmodifiableMap(new EnumMap<>(counts));
  }

  /** The number of calls so far. */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
