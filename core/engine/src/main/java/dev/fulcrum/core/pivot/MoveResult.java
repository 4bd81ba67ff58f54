package dev.fulcrum.core.pivot;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a completed move did.
 *
 * @param moved the objects moved, {@code Kind name}, in creation order; empty when there was nothing to move
 * @param sourceCalls API calls made on the source cluster, by operation
 * @param targetCalls API calls made on the target cluster, by operation
 * @param journalCalls API calls made for the journal (on the management cluster)
 * @param phases the phases this run passed through, in order
 * @param resumedFrom the journaled phase this run resumed, if it found a journal of this move
 */
public record MoveResult(
    List<String> moved,
    Map<MoveApi.Operation, Integer> sourceCalls,
    Map<MoveApi.Operation, Integer> targetCalls,
    int journalCalls,
    List<MovePhase> phases,
    Optional<MovePhase> resumedFrom) {

  public MoveResult {
    moved = List.copyOf(moved);
    sourceCalls = ordered(sourceCalls);
    targetCalls = ordered(targetCalls);
    phases = List.copyOf(phases);
  }

  /** True when the cluster was already on the target and the source held nothing of it. */
  public boolean nothingToMove() {
    return moved.isEmpty();
  }

  /** Every API call of the move: source, target and journal. */
  public int apiCalls() {
    return sum(sourceCalls) + sum(targetCalls) + journalCalls;
  }

  private static Map<MoveApi.Operation, Integer> ordered(Map<MoveApi.Operation, Integer> calls) {
    EnumMap<MoveApi.Operation, Integer> copy = new EnumMap<>(MoveApi.Operation.class);
    copy.putAll(calls);
    return Collections.unmodifiableMap(copy);
  }

  private static int sum(Map<MoveApi.Operation, Integer> calls) {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }
}
