package dev.fulcrum.sandbox.persist;

import java.util.Map;
import java.util.TreeMap;

/** A cluster's state as read back from the data directory: its objects' JSON by group-resource and key. */
public final class RecoveredCluster {

  private final String name;
  private final String epoch;
  private final Map<String, Map<String, byte[]>> objects = new TreeMap<>();
  private long resourceVersion;

  RecoveredCluster(String name, String epoch, long resourceVersion) {
    this.name = name;
    this.epoch = epoch;
    this.resourceVersion = resourceVersion;
  }

  public String name() {
    return name;
  }

  public String epoch() {
    return epoch;
  }

  public long resourceVersion() {
    return resourceVersion;
  }

  /** Group-resource (as {@code GroupResource.toString()}) to key to object JSON. */
  public Map<String, Map<String, byte[]>> objects() {
    return objects;
  }

  /** Applies a logged change unless the state already includes it. */
  void apply(LogRecord record) {
    if (record.resourceVersion() <= resourceVersion) {
      return;
    }
    if (record.type() == LogRecord.Type.PUT) {
      objects.computeIfAbsent(record.resource(), k -> new TreeMap<>()).put(record.key(), record.json());
    } else if (record.type() == LogRecord.Type.DELETE) {
      Map<String, byte[]> entries = objects.get(record.resource());
      if (entries != null) {
        entries.remove(record.key());
      }
    }
    resourceVersion = record.resourceVersion();
  }

  /** Loads a checkpointed object (records arrive in key order, not resourceVersion order). */
  void load(LogRecord record) {
    objects.computeIfAbsent(record.resource(), k -> new TreeMap<>()).put(record.key(), record.json());
  }
}
