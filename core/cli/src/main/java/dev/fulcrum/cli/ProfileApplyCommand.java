package dev.fulcrum.cli;

import dev.fulcrum.core.profiles.ProfileFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code fulcrum profile apply -f FILE}: publish a profile version. */
@Command(
    name = "apply",
    description = {
      "Publish a ClusterProfile version, or apply the same version again.",
      "",
      "A helm layer's chart.path (a chart directory or .tgz, relative to FILE) is packed and sent as chart.archive. "
          + "The server validates the profile completely and renders each chart once with the variables' defaults; "
          + "an invalid profile prints every problem as 'path: message', exits with 1, and nothing is stored."
    },
    mixinStandardHelpOptions = true)
final class ProfileApplyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The profile, YAML or JSON.")
  private Path file;

  @Override
  public Integer call() {
    byte[] packed = ProfileFiles.packed(file);
    PrintWriter out = spec.commandLine().getOut();
    out.println(apply(client.client(), packed));
    out.flush();
    return 0;
  }

  /** Sends the profile; returns what to tell the user. */
  static String apply(ApiClient api, byte[] packed) {
    ApiClient.Applied applied = api.applyProfile(packed);
    JsonNode stored = applied.cluster();
    String reference =
        stored.at("/metadata/labels").path("fulcrum.dev/profile").asString() + "@"
            + stored.at("/spec/version").asString();
    return "profile " + reference + (applied.created() ? " created" : " unchanged or configured");
  }
}
