package dev.fulcrum.cli;

import java.nio.file.Path;

/**
 * Where the server keeps its state (the admin token, the sandbox's data) and where the CLI finds the
 * token: {@code --data-dir}, else {@code $FULCRUM_DATA_DIR}, else {@code ~/.fulcrum}.
 */
final class DataDirectory {
  static final String ENVIRONMENT_VARIABLE = "FULCRUM_DATA_DIR";

  private DataDirectory() {}

  static Path resolve(Path option) {
    if (option != null) {
      return option;
    }
    String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Path.of(fromEnvironment);
    }
    return Path.of(System.getProperty("user.home"), ".fulcrum");
  }
}
