package dev.fulcrum.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;

/** The kubectl binary, for tests that drive it; they are skipped, with a message, without one. */
final class Kubectl {
  private Kubectl() {}

  static Path findOrSkip() {
    String path = System.getenv().getOrDefault("PATH", "");
    Path kubectl =
        Arrays.stream(path.split(File.pathSeparator))
            .map(dir -> Path.of(dir, "kubectl"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    if (kubectl == null) {
      System.err.println("kubectl is not on the PATH: kubectl checks are SKIPPED");
      Assumptions.abort("kubectl is not on the PATH");
    }
    return kubectl;
  }
}
