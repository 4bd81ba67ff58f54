package dev.fulcrum.core.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The administrator's bearer token: 256 random bits, kept in {@code <data-dir>/admin-token}, readable
 * by its owner only. The server creates it on first start; the CLI reads it from there.
 *
 * <p>The value never appears in logs or messages: {@link #toString()} hides it, and it is compared in
 * constant time.
 */
public final class AdminToken {
  /** The token file's name in the data directory. */
  public static final String FILE_NAME = "admin-token";

  private static final int BITS = 256;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final byte[] value;

  private AdminToken(String value) {
    this.value = value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The data directory's token; created (with the directory) if there is none.
   *
   * @throws UncheckedIOException if the directory or the file cannot be created or read
   */
  public static AdminToken createOrRead(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        create(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the admin token " + file, e);
    }
    return read(dataDir).orElseThrow(() -> new IllegalStateException("the admin token " + file + " is empty"));
  }

  /**
   * The data directory's token, if it has one.
   *
   * @throws UncheckedIOException if the file exists but cannot be read
   */
  public static Optional<AdminToken> read(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(new AdminToken(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the admin token " + file, e);
    }
  }

  /** A token given by value (on the command line or in the environment). */
  public static AdminToken of(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("a token cannot be empty");
    }
    return new AdminToken(value.strip());
  }

  /** Whether a presented token is this one; takes the same time wherever they differ. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** The value, for an {@code Authorization: Bearer} header. Never log it. */
  public String value() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "AdminToken[hidden]";
  }

  private static void create(Path file) throws IOException {
    byte[] random = new byte[BITS / 8];
    new SecureRandom().nextBytes(random);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try {
      // Created with owner-only permissions from the start, so it is never readable by others.
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(EnumSet.copyOf(OWNER_ONLY)));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException raced) {
      // Another process created it first; its token stands.
    }
  }
}
