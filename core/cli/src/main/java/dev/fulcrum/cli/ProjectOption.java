package dev.fulcrum.cli;

import picocli.CommandLine.Option;

/** {@code -n/--project}: the project a cluster name is looked up in, kubectl-style. */
final class ProjectOption {
  /** The project when none is given, as kubectl's {@code default} namespace. */
  static final String DEFAULT_PROJECT = "default";

  @Option(
      names = {"-n", "--project"},
      paramLabel = "PROJECT",
      description = "The cluster's project (default: " + DEFAULT_PROJECT + ").")
  String project;

  /** The project given, or {@value #DEFAULT_PROJECT}. */
  String orDefault() {
    return project != null ? project : DEFAULT_PROJECT;
  }
}
