package dev.fulcrum.core.steps;

import dev.fulcrum.core.components.ComponentVersions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the pivot installs into a workload cluster, and from where.
 *
 * @param componentsRepository a local components repository laid out like clusterctl's overrides; empty when none
 *     is configured (then the pivot waits, saying so)
 * @param componentVersions the Cluster API core, bootstrap and control-plane versions
 * @param managementUrl the management plane's URL as agents reach it (known once the REST API listens)
 * @param agentImageTag the agent image's tag: this Fulcrum's version
 */
public record PivotSettings(
    Optional<Path> componentsRepository,
    ComponentVersions componentVersions,
    Supplier<URI> managementUrl,
    String agentImageTag) {

  /** No components repository: the pivot waits, saying how to configure one. */
  public static PivotSettings unconfigured() {
    return new PivotSettings(
        Optional.empty(),
        ComponentVersions.DEFAULT,
        () -> {
          throw new IllegalStateException("the management plane's URL for agents is not configured");
        },
        "dev");
  }

  public PivotSettings {
    Objects.requireNonNull(componentsRepository, "componentsRepository");
    Objects.requireNonNull(componentVersions, "componentVersions");
    Objects.requireNonNull(managementUrl, "managementUrl");
    Objects.requireNonNull(agentImageTag, "agentImageTag");
  }
}
