package dev.fulcrum.sandbox.persist;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * One persisted fact: an object version stored or removed, a cluster created or deleted, or a checkpoint's
 * header/footer. On disk each record is framed as {@code [int length][int crc32][payload]}, so a write torn
 * by a crash is detected when read back.
 *
 * @param epoch the incarnation of the cluster name the record belongs to
 * @param resourceVersion the cluster's resourceVersion after this change (checkpoint footer: the entry count)
 * @param resource the group-resource ({@code deployments.apps}); empty for cluster records
 * @param key {@code namespace/name} or {@code name}; empty for cluster records
 * @param json the object (PUT only); empty otherwise
 */
public record LogRecord(Type type, String cluster, String epoch, long resourceVersion, String resource, String key,
    byte[] json) {

  public enum Type { PUT, DELETE, CLUSTER_CREATED, CLUSTER_DELETED, CHECKPOINT_HEADER, CHECKPOINT_FOOTER }

  /** Frame header: payload length and CRC32. */
  static final int HEADER_BYTES = 8;
  /** Larger frames are treated as corrupt rather than allocated. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

  private static final byte[] NONE = new byte[0];

  public static LogRecord put(String cluster, String epoch, long resourceVersion, String resource, String key,
      byte[] json) {
    return new LogRecord(Type.PUT, cluster, epoch, resourceVersion, resource, key, json);
  }

  public static LogRecord delete(String cluster, String epoch, long resourceVersion, String resource, String key) {
    return new LogRecord(Type.DELETE, cluster, epoch, resourceVersion, resource, key, NONE);
  }

  public static LogRecord clusterCreated(String cluster, String epoch) {
    return new LogRecord(Type.CLUSTER_CREATED, cluster, epoch, 0, "", "", NONE);
  }

  public static LogRecord clusterDeleted(String cluster, String epoch) {
    return new LogRecord(Type.CLUSTER_DELETED, cluster, epoch, 0, "", "", NONE);
  }

  static LogRecord checkpointHeader(String cluster, String epoch, long resourceVersion) {
    return new LogRecord(Type.CHECKPOINT_HEADER, cluster, epoch, resourceVersion, "", "", NONE);
  }

  static LogRecord checkpointFooter(String cluster, String epoch, long count) {
    return new LogRecord(Type.CHECKPOINT_FOOTER, cluster, epoch, count, "", "", NONE);
  }

  /** The framed bytes of this record. */
  byte[] frame() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + json.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0);
      out.writeInt(0);
      out.writeByte(type.ordinal());
      out.writeUTF(cluster);
      out.writeUTF(epoch);
      out.writeLong(resourceVersion);
      out.writeUTF(resource);
      out.writeUTF(key);
      out.writeInt(json.length);
      out.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] frame = bytes.toByteArray();
    int length = frame.length - HEADER_BYTES;
    CRC32 crc = new CRC32();
    crc.update(frame, HEADER_BYTES, length);
    ByteBuffer.wrap(frame).putInt(length).putInt((int) crc.getValue());
    return frame;
  }

  /** Decodes a payload whose CRC has been checked. */
  static LogRecord decode(byte[] payload) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
      int typeIndex = in.readUnsignedByte();
      if (typeIndex >= Type.values().length) {
        throw new IOException("unknown record type " + typeIndex);
      }
      Type type = Type.values()[typeIndex];
      String cluster = in.readUTF();
      String epoch = in.readUTF();
      long resourceVersion = in.readLong();
      String resource = in.readUTF();
      String key = in.readUTF();
      int length = in.readInt();
      if (length < 0 || length > payload.length) {
        throw new IOException("bad object length " + length);
      }
      byte[] json = in.readNBytes(length);
      return new LogRecord(type, cluster, epoch, resourceVersion, resource, key, json);
    }
  }
}
