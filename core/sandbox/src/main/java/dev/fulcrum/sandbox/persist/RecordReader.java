package dev.fulcrum.sandbox.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/** Reads framed records from a file up to the first incomplete or corrupt frame. */
final class RecordReader {

  /**
   * How far a file was readable.
   *
   * @param validBytes the length of the intact prefix
   * @param torn whether bytes after it were dropped (a torn or corrupt record)
   */
  record Outcome(long validBytes, boolean torn, long records) {}

  private RecordReader() {}

  static Outcome read(Path file, Consumer<LogRecord> sink) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long position = 0;
      long records = 0;
      ByteBuffer header = ByteBuffer.allocate(LogRecord.HEADER_BYTES);
      while (position < size) {
        if (size - position < LogRecord.HEADER_BYTES) {
          return new Outcome(position, true, records);
        }
        header.clear();
        channel.read(header, position);
        header.flip();
        int length = header.getInt();
        int expectedCrc = header.getInt();
        if (length <= 0 || length > LogRecord.MAX_PAYLOAD_BYTES
            || size - position - LogRecord.HEADER_BYTES < length) {
          return new Outcome(position, true, records);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        channel.read(payload, position + LogRecord.HEADER_BYTES);
        CRC32 crc = new CRC32();
        crc.update(payload.array(), 0, length);
        if ((int) crc.getValue() != expectedCrc) {
          return new Outcome(position, true, records);
        }
        LogRecord record;
        try {
          record = LogRecord.decode(payload.array());
        } catch (IOException e) {
          return new Outcome(position, true, records);
        }
        sink.accept(record);
        records++;
        position += LogRecord.HEADER_BYTES + length;
      }
      return new Outcome(position, false, records);
    }
  }
}
