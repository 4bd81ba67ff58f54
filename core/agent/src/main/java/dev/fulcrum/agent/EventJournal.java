package dev.fulcrum.agent;

import dev.fulcrum.core.yaml.Mappers;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Events not yet delivered to the management plane, and since when it has been unreachable, kept in the ConfigMap
 * {@code fulcrum-system/fulcrum-agent-state} so that nothing is lost while it is down or the agent restarts.
 * Thread-safe.
 */
final class EventJournal {

  static final String NAME = "fulcrum-agent-state";
  static final String EVENTS_KEY = "events.json";
  static final String UNREACHABLE_SINCE_KEY = "unreachableSince";
  /** Keeps the ConfigMap far below its 1 MiB limit through a long outage: the oldest events go first. */
  static final int MAX_EVENTS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
  private static final TypeReference<List<AgentEvent>> EVENT_LIST = new TypeReference<>() {};

  private final AgentConfigMaps configMaps;
  private final Clock clock;
  private final List<AgentEvent> events = new ArrayList<>();
  private Instant unreachableSince;

  private EventJournal(AgentConfigMaps configMaps, Clock clock) {
    this.configMaps = configMaps;
    this.clock = clock;
  }

  /** The journal as the previous agent left it (empty when there was none). */
  static EventJournal load(AgentConfigMaps configMaps, Clock clock) {
    EventJournal journal = new EventJournal(configMaps, clock);
    try {
      Map<String, String> data = configMaps.read(NAME).orElse(Map.of());
      if (data.containsKey(EVENTS_KEY)) {
        journal.events.addAll(Mappers.json().readValue(data.get(EVENTS_KEY), EVENT_LIST));
      }
      if (data.containsKey(UNREACHABLE_SINCE_KEY)) {
        journal.unreachableSince = Instant.parse(data.get(UNREACHABLE_SINCE_KEY));
      }
    } catch (KubernetesClientException | JacksonException | java.time.format.DateTimeParseException e) {
      LOG.warn("agent state unreadable, starting with no pending events: {}", e.getMessage());
    }
    return journal;
  }

  /** The current time, as events record it. */
  String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Records an event. */
  synchronized void record(String reason, String message) {
    LOG.info("{}: {}", reason, message);
    events.add(new AgentEvent(now(), reason, message));
    if (events.size() > MAX_EVENTS) {
      events.subList(0, events.size() - MAX_EVENTS).clear();
    }
    persist();
  }

  /** The events not yet delivered, oldest first. */
  synchronized List<AgentEvent> pending() {
    return List.copyOf(events);
  }

  /** The first {@code count} pending events reached the management plane. */
  synchronized void delivered(int count) {
    if (count > 0) {
      events.subList(0, Math.min(count, events.size())).clear();
      persist();
    }
  }

  /** A call to the management plane failed: remembers since when (the first failure of an outage). */
  synchronized void unreachable() {
    if (unreachableSince == null) {
      unreachableSince = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      LOG.info("management plane unreachable, working from the cached spec");
      persist();
    }
  }

  /** A call to the management plane succeeded: an outage, if there was one, becomes an event. */
  synchronized void reachable() {
    if (unreachableSince != null) {
      Instant since = unreachableSince;
      unreachableSince = null;
      record("ManagementPlaneUnreachable", "management plane unreachable from " + since + " to " + now());
    }
  }

  private void persist() {
    Map<String, String> data = new HashMap<>();
    data.put(EVENTS_KEY, Mappers.json().writeValueAsString(events));
    if (unreachableSince != null) {
      data.put(UNREACHABLE_SINCE_KEY, unreachableSince.toString());
    }
    try {
      configMaps.write(NAME, data);
    } catch (KubernetesClientException e) {
      // Kept in memory and written with the next change; the cluster's own API is briefly unavailable.
      LOG.warn("could not save the agent state: {}", e.getMessage());
    }
  }
}
