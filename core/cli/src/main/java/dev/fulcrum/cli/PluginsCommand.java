package dev.fulcrum.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code fulcrum plugins}: the provider plugins. */
@Command(
    name = "plugins",
    description = "Inspect the provider plugins.",
    mixinStandardHelpOptions = true,
    subcommands = {PluginsListCommand.class, CommandLine.HelpCommand.class})
final class PluginsCommand {
  @ParentCommand private Main main;

  Main main() {
    return main;
  }
}
