package dev.fulcrum.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code fulcrum profile list}: every profile version. */
@Command(
    name = "list",
    description = "List every version of every cluster profile, by name, then version.",
    mixinStandardHelpOptions = true)
final class ProfileListCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default), yaml or json.")
  private OutputFormat output;

  @Override
  public Integer call() {
    JsonNode list = client.client().profiles(Optional.empty());
    PrintWriter out = spec.commandLine().getOut();
    out.print(ProfileOutput.format(list.path("items").valueStream().toList(), output, false));
    out.flush();
    return 0;
  }
}
