package dev.fulcrum.core.profiles;

import dev.fulcrum.core.request.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the profiles of a directory ({@code config/profiles}: one profile document per
 * {@code *.yaml}, charts beside them) when the server starts, so that clusters can use them right away.
 * A built-in version that clusters use and that has since changed on disk is left as stored (a
 * version in use is immutable) and logged; the same goes for a file that does not validate.
 */
public final class BuiltInProfiles {
  private static final Logger log = LoggerFactory.getLogger(BuiltInProfiles.class);

  private BuiltInProfiles() {}

  /**
   * @param directory the profile documents; nothing happens if it does not exist
   * @return the versions published ({@code name@version}), in file name order
   */
  public static List<String> install(Path directory, ProfileReader reader, ClusterProfiles profiles) {
    List<String> installed = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      log.info("No built-in cluster profiles at {}", directory);
      return installed;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try {
          ClusterProfile profile = reader.read(ProfileFiles.packed(file));
          profiles.apply(profile);
          installed.add(profile.reference());
        } catch (InvalidRequestException | IllegalArgumentException | ProfileInUseException refused) {
          log.warn("Built-in profile {} not published: {}", file, refused.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
    log.info("Built-in cluster profiles published from {}: {}", directory, installed);
    return installed;
  }
}
