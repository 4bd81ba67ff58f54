package dev.fulcrum.sandbox.persist;

import dev.fulcrum.sandbox.store.Cluster;
import dev.fulcrum.sandbox.store.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's data directory: an append-only log of committed changes (group-committed by one writer
 * thread), and per-cluster checkpoints written atomically when the log grows past a limit, after which older
 * log segments are deleted. Recovery loads the checkpoints and replays the log; a torn record at the end of
 * a segment is detected by its length/CRC framing, dropped and reported.
 */
public final class Persistence implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);
  private static final String SEGMENT_PREFIX = "wal-";
  private static final String SEGMENT_SUFFIX = ".log";
  private static final String CHECKPOINT_SUFFIX = ".ckpt";
  private static final int MAX_BATCH = 4096;

  private record Pending(LogRecord record, CompletableFuture<Void> done) {}

  private static final Pending STOP = new Pending(null, null);

  private final Path directory;
  private final Path checkpoints;
  private final long segmentLimitBytes;
  private final boolean fsync;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private Supplier<Collection<Cluster>> liveClusters;
  private Thread writer;
  private FileChannel segment;
  private long segmentNumber;
  private long segmentBytes;
  private volatile IOException failure;

  private Persistence(Path directory, long segmentLimitBytes, boolean fsync) throws IOException {
    this.directory = directory;
    this.checkpoints = directory.resolve("checkpoints");
    this.segmentLimitBytes = segmentLimitBytes;
    this.fsync = fsync;
    Files.createDirectories(checkpoints);
    this.lockChannel = FileChannel.open(directory.resolve("LOCK"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock acquired;
    try {
      acquired = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      acquired = null; // held by another sandbox in this JVM
    }
    if (acquired == null) {
      lockChannel.close();
      throw new IOException("data directory " + directory + " is in use by another sandbox");
    }
    this.lock = acquired;
  }

  /**
   * Opens (creating if needed) a data directory for exclusive use.
   *
   * @param segmentLimitBytes the log size past which checkpoints are written and the log restarts
   * @param fsync whether every group commit is forced to disk (else it survives a process crash, not a
   *     machine crash)
   */
  public static Persistence open(Path directory, long segmentLimitBytes, boolean fsync) throws IOException {
    return new Persistence(directory, segmentLimitBytes, fsync);
  }

  /** Reads back every cluster; call once, before {@link #start}. Truncates torn log tails. */
  public Map<String, RecoveredCluster> recover() throws IOException {
    Map<String, RecoveredCluster> clusters = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(checkpoints)) {
      for (Path file : files.filter(f -> f.toString().endsWith(CHECKPOINT_SUFFIX)).sorted().toList()) {
        RecoveredCluster cluster = readCheckpoint(file);
        clusters.put(cluster.name(), cluster);
      }
    }
    for (Path file : segments()) {
      RecordReader.Outcome outcome = RecordReader.read(file, record -> replay(clusters, record));
      if (outcome.torn()) {
        long dropped = Files.size(file) - outcome.validBytes();
        LOG.warn("Dropped a torn or corrupt record at the end of {} ({} bytes after {} intact records)", file,
            dropped, outcome.records());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.truncate(outcome.validBytes());
        }
      }
      segmentNumber = Math.max(segmentNumber, segmentNumber(file));
    }
    return clusters;
  }

  private static void replay(Map<String, RecoveredCluster> clusters, LogRecord record) {
    RecoveredCluster cluster = clusters.get(record.cluster());
    boolean sameIncarnation = cluster != null && cluster.epoch().equals(record.epoch());
    switch (record.type()) {
      case CLUSTER_CREATED -> {
        if (!sameIncarnation) {
          clusters.put(record.cluster(), new RecoveredCluster(record.cluster(), record.epoch(), 0));
        }
      }
      case CLUSTER_DELETED -> {
        if (sameIncarnation) {
          clusters.remove(record.cluster());
        }
      }
      case PUT, DELETE -> {
        if (sameIncarnation) {
          cluster.apply(record);
        }
      }
      default -> throw new UncheckedIOException(new IOException("unexpected " + record.type() + " in the log"));
    }
  }

  private static RecoveredCluster readCheckpoint(Path file) throws IOException {
    List<LogRecord> records = new ArrayList<>();
    RecordReader.Outcome outcome = RecordReader.read(file, records::add);
    if (outcome.torn() || records.size() < 2 || records.get(0).type() != LogRecord.Type.CHECKPOINT_HEADER
        || records.get(records.size() - 1).type() != LogRecord.Type.CHECKPOINT_FOOTER
        || records.get(records.size() - 1).resourceVersion() != records.size() - 2) {
      throw new IOException("checkpoint " + file + " is corrupt; move it away to start without that cluster's "
          + "checkpointed state");
    }
    LogRecord header = records.get(0);
    RecoveredCluster cluster = new RecoveredCluster(header.cluster(), header.epoch(), header.resourceVersion());
    records.subList(1, records.size() - 1).forEach(cluster::load);
    return cluster;
  }

  /** Starts logging to a fresh segment; {@code clusters} supplies the live clusters for checkpoints. */
  public void start(Supplier<Collection<Cluster>> clusters) throws IOException {
    this.liveClusters = clusters;
    openSegment(segmentNumber + 1);
    writer = new Thread(this::writeLoop, "sandbox-persistence");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues a record; the future completes once it is written (and forced, with fsync). Never blocks. */
  public CompletableFuture<Void> append(LogRecord record) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    IOException failed = failure;
    if (failed != null) {
      done.completeExceptionally(failed);
    } else {
      queue.add(new Pending(record, done));
    }
    return done;
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    boolean running = true;
    while (running) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      queue.drainTo(batch, MAX_BATCH);
      int stop = batch.indexOf(STOP);
      if (stop >= 0) {
        running = false;
        List<Pending> late = batch.subList(stop, batch.size());
        late.stream().filter(pending -> pending != STOP)
            .forEach(pending -> pending.done().completeExceptionally(new IOException("the sandbox is stopping")));
        late.clear();
      }
      try {
        writeBatch(batch);
        batch.forEach(pending -> pending.done().complete(null));
        if (segmentBytes > segmentLimitBytes) {
          checkpoint();
        }
      } catch (IOException | RuntimeException e) {
        LOG.error("Persisting the sandbox's changes failed; further writes will fail", e);
        failure = e instanceof IOException io ? io : new IOException(e);
        batch.forEach(pending -> pending.done().completeExceptionally(failure));
      }
    }
  }

  private void writeBatch(List<Pending> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    List<byte[]> frames = new ArrayList<>(batch.size());
    int total = 0;
    for (Pending pending : batch) {
      byte[] frame = pending.record().frame();
      frames.add(frame);
      total += frame.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(total);
    frames.forEach(buffer::put);
    buffer.flip();
    while (buffer.hasRemaining()) {
      segment.write(buffer);
    }
    if (fsync) {
      segment.force(false);
    }
    segmentBytes += total;
  }

  /** Writes every live cluster's checkpoint, then drops the log segments they cover. */
  private void checkpoint() throws IOException {
    long previousSegments = segmentNumber;
    openSegment(segmentNumber + 1);
    Set<String> written = new HashSet<>();
    for (Cluster cluster : liveClusters.get()) {
      writeCheckpoint(cluster.snapshot());
      written.add(cluster.name() + CHECKPOINT_SUFFIX);
    }
    try (Stream<Path> files = Files.list(checkpoints)) {
      for (Path file : files.toList()) {
        if (!written.contains(file.getFileName().toString())) {
          Files.delete(file);
        }
      }
    }
    for (Path file : segments()) {
      if (segmentNumber(file) <= previousSegments) {
        Files.delete(file);
      }
    }
    forceDirectory(directory);
  }

  private void writeCheckpoint(Cluster.Snapshot snapshot) throws IOException {
    Path target = checkpoints.resolve(snapshot.cluster() + CHECKPOINT_SUFFIX);
    Path temporary = checkpoints.resolve(snapshot.cluster() + CHECKPOINT_SUFFIX + ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      write(channel, LogRecord.checkpointHeader(snapshot.cluster(), snapshot.epoch(), snapshot.resourceVersion()));
      for (Entry entry : snapshot.entries()) {
        write(channel, LogRecord.put(snapshot.cluster(), snapshot.epoch(), entry.resourceVersion(),
            entry.resource().toString(), entry.key(), entry.json()));
      }
      write(channel, LogRecord.checkpointFooter(snapshot.cluster(), snapshot.epoch(), snapshot.entries().size()));
      channel.force(true);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(checkpoints);
  }

  private static void write(FileChannel channel, LogRecord record) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(record.frame());
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private void openSegment(long number) throws IOException {
    if (segment != null) {
      segment.force(true);
      segment.close();
    }
    segmentNumber = number;
    segment = FileChannel.open(directory.resolve(String.format("%s%020d%s", SEGMENT_PREFIX, number,
        SEGMENT_SUFFIX)), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    segmentBytes = segment.size();
    forceDirectory(directory);
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> {
        String name = f.getFileName().toString();
        return name.startsWith(SEGMENT_PREFIX) && name.endsWith(SEGMENT_SUFFIX);
      }).sorted().toList();
    }
  }

  private static long segmentNumber(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(SEGMENT_PREFIX.length(), name.length() - SEGMENT_SUFFIX.length()));
  }

  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // some file systems cannot sync directories; the rename itself is still atomic
      LOG.debug("could not sync directory {}", directory, e);
    }
  }

  /** Writes everything queued so far, then releases the data directory. */
  @Override
  public void close() throws IOException {
    if (writer != null) {
      queue.add(STOP);
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      segment.force(true);
      segment.close();
    }
    lock.release();
    lockChannel.close();
  }
}
