package dev.fulcrum.core.pivot;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Waits, after the pause, until no object of the move set carries the block-move annotation (capi-contracts §5.3 step
 * 6): providers that cannot pause at once set it and remove it once they observed the pause.
 */
final class BlockMoveWait {
  private BlockMoveWait() {}

  /**
   * @param contents the source objects as last read, by {@link JournaledTransfer#key}; updated with what is re-read
   * @throws MoveException naming the object still blocked when the timeout passes
   */
  static void await(MoveApi source, MoveRecord record, Map<String, ObjectNode> contents, Duration timeout) {
    Duration poll = Duration.ofMillis(Math.max(50, Math.min(5000, timeout.toMillis() / 20)));
    for (JournalEntry entry : record.objects()) {
      String key = JournaledTransfer.key(entry.type(), entry.name());
      Instant deadline = Instant.now().plus(timeout);
      while (blocked(contents.get(key))) {
        if (Instant.now().isAfter(deadline)) {
          throw new MoveException(entry.type().kind() + " " + record.namespace() + "/" + entry.name()
              + " still carries the " + Clusterctl.BLOCK_MOVE_ANNOTATION + " annotation after " + timeout
              + ": its provider is not ready to be moved");
        }
        sleep(poll, entry);
        ObjectNode current = source.get(entry.type(), record.namespace(), entry.name())
            .orElseThrow(() -> new MoveException(entry.describe() + " disappeared from the source during the move"));
        contents.put(key, current);
      }
    }
  }

  private static boolean blocked(ObjectNode object) {
    return object != null && object.at("/metadata/annotations").has(Clusterctl.BLOCK_MOVE_ANNOTATION);
  }

  private static void sleep(Duration poll, JournalEntry entry) {
    try {
      Thread.sleep(poll.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MoveException("interrupted while waiting for " + entry.describe() + " to allow the move", e);
    }
  }
}
