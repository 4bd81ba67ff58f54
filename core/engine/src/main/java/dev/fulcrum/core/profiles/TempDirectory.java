package dev.fulcrum.core.profiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for Helm's files, deleted with everything in it when closed. */
final class TempDirectory implements AutoCloseable {
  private final Path path;

  TempDirectory(String prefix) throws IOException {
    this.path = Files.createTempDirectory(prefix);
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException ignored) {
      // A temporary directory left behind is harmless; the work done in it is what matters.
    }
  }
}
