package dev.fulcrum.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code fulcrum profile get NAME[@VERSION]}: one profile's versions, or one version. */
@Command(
    name = "get",
    description =
        "Show a profile's versions (NAME) or one version (NAME@VERSION): a table, or the stored objects"
            + " (-o yaml|json).",
    mixinStandardHelpOptions = true)
final class ProfileGetCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Parameters(index = "0", paramLabel = "NAME[@VERSION]", description = "The profile, and optionally the version.")
  private String reference;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default), yaml or json.")
  private OutputFormat output;

  @Override
  public Integer call() {
    ProfileReference profile = ProfileReference.parse(reference);
    List<JsonNode> profiles =
        profile.version().isEmpty()
            ? client.client().profiles(Optional.of(profile.name())).path("items").valueStream().toList()
            : List.of(client.client().profile(profile.name(), profile.version().get()));
    PrintWriter out = spec.commandLine().getOut();
    out.print(ProfileOutput.format(profiles, output, profile.version().isPresent()));
    out.flush();
    return 0;
  }
}
