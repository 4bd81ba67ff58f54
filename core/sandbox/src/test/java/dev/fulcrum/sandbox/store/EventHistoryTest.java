package dev.fulcrum.sandbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.sandbox.store.GroupResource;
import dev.fulcrum.sandbox.store.StoredEvent.EventType;
import dev.fulcrum.sandbox.support.Json;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventHistoryTest {

  private static final GroupResource CONFIG_MAPS = new GroupResource("", "configmaps");

  @Test
  void keepsTheNewestEventsWithinTheCountAndResumesOnlyFromThem() {
    EventHistory history = new EventHistory(3, Long.MAX_VALUE, new HistoryBudget(Long.MAX_VALUE), 0);
    for (long rv = 1; rv <= 5; rv++) {
      history.append(event(rv, 10));
    }

    assertThat(history.floor()).isEqualTo(2);
    assertThat(history.canResumeFrom(1)).isFalse();
    assertThat(history.canResumeFrom(2)).isTrue();
    assertThat(history.after(2)).extracting(StoredEvent::resourceVersion).containsExactly(3L, 4L, 5L);
    assertThat(history.after(4)).extracting(StoredEvent::resourceVersion).containsExactly(5L);
  }

  @Test
  void perClusterBytesAndTheSharedBudgetBothBoundTheHistory() {
    HistoryBudget budget = new HistoryBudget(5_000);
    EventHistory bytesCapped = new EventHistory(1_000, 2_000, budget, 0);
    EventHistory other = new EventHistory(1_000, 100_000, budget, 0);
    for (long rv = 1; rv <= 10; rv++) {
      bytesCapped.append(event(rv, 500));
    }
    assertThat(bytesCapped.after(0).stream().mapToInt(e -> e.frame().length).sum()).isLessThanOrEqualTo(2_000);

    for (long rv = 1; rv <= 20; rv++) {
      other.append(event(rv, 500));
    }
    long kept = bytesCapped.after(0).stream().mapToInt(e -> e.frame().length).sum()
        + other.after(0).stream().mapToInt(e -> e.frame().length).sum();
    assertThat(kept).isLessThanOrEqualTo(5_000);
    assertThat(other.canResumeFrom(0)).isFalse();
  }

  private static StoredEvent event(long resourceVersion, int size) {
    ObjectNode object = Json.object();
    object.put("apiVersion", "v1");
    object.put("kind", "ConfigMap");
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", "cm-" + resourceVersion);
    metadata.put("namespace", "default");
    metadata.put("uid", "uid-" + resourceVersion);
    metadata.put("resourceVersion", Long.toString(resourceVersion));
    object.putObject("data").put("k", "x".repeat(Math.max(0, size - 150)));
    return StoredEvent.of(EventType.ADDED, Entry.of(CONFIG_MAPS, object, Json.bytes(object)), null);
  }
}
