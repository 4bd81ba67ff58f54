package dev.fulcrum.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fulcrum cluster}: clusters on a Fulcrum server. */
@Command(
    name = "cluster",
    description = {
      "Create, inspect, follow and delete clusters on a Fulcrum server.",
      "",
      "A cluster is NAME within a project (-n, default 'default'), as kubectl names resources within a "
          + "namespace. The server is --server (default: $FULCRUM_SERVER, else the URL 'fulcrum server' wrote to "
          + "its data directory, else http://127.0.0.1:7080); the token is --token, $FULCRUM_TOKEN, or "
          + "<data-dir>/admin-token."
    },
    mixinStandardHelpOptions = true,
    subcommands = {
      ClusterApplyCommand.class,
      ClusterGetCommand.class,
      ClusterListCommand.class,
      ClusterWatchCommand.class,
      ClusterScaleCommand.class,
      ClusterUpgradeCommand.class,
      ClusterRotateCertsCommand.class,
      ClusterDeleteCommand.class,
      CommandLine.HelpCommand.class
    })
final class ClusterCommand {}
