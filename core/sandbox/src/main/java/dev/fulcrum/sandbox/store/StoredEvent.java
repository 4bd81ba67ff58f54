package dev.fulcrum.sandbox.store;

import java.nio.charset.StandardCharsets;

/**
 * A committed change as watchers see it. {@code frame} is the encoded watch event
 * ({@code {"type":…,"object":…}}), built once and shared by every watcher and the resume history.
 *
 * @param previous the version before this change, or null for ADDED
 */
public record StoredEvent(EventType type, Entry object, Entry previous, byte[] frame) {

  public enum EventType { ADDED, MODIFIED, DELETED }

  public static StoredEvent of(EventType type, Entry object, Entry previous) {
    return new StoredEvent(type, object, previous, frame(type.name(), object.json()));
  }

  public long resourceVersion() {
    return object.resourceVersion();
  }

  /** Encodes {@code {"type":type,"object":objectJson}} by splicing, without parsing the object. */
  public static byte[] frame(String type, byte[] objectJson) {
    byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[head.length + objectJson.length + 1];
    System.arraycopy(head, 0, frame, 0, head.length);
    System.arraycopy(objectJson, 0, frame, head.length, objectJson.length);
    frame[frame.length - 1] = '}';
    return frame;
  }
}
