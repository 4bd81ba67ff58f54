package dev.fulcrum.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fulcrum sandbox}: the embedded management cluster. */
@Command(
    name = "sandbox",
    description = "The embedded management cluster a server runs without --kubeconfig, and its workload clusters.",
    mixinStandardHelpOptions = true,
    subcommands = {SandboxKubeconfigCommand.class, CommandLine.HelpCommand.class})
final class SandboxCommand {}
