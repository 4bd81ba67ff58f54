package dev.fulcrum.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fulcrum profile}: cluster profiles on a Fulcrum server. */
@Command(
    name = "profile",
    description = {
      "Publish and inspect cluster profiles: versioned, layered add-ons (manifests and Helm charts) that clusters "
          + "reference in spec.profiles as {name, version}.",
      "",
      "A version that clusters use cannot change or be deleted: publish a new version and move the clusters to it."
    },
    mixinStandardHelpOptions = true,
    subcommands = {
      ProfileApplyCommand.class,
      ProfileListCommand.class,
      ProfileGetCommand.class,
      ProfileDeleteCommand.class,
      CommandLine.HelpCommand.class
    })
final class ProfileCommand {}
