package dev.fulcrum.spi;

import java.util.Map;
import java.util.Objects;

/**
 * An add-on a cloud needs in every cluster (a cloud controller manager, a CSI driver), installed
 * by the agent as a profile layer after the cluster's nodes exist.
 */
public sealed interface AddonLayer permits AddonLayer.Manifests, AddonLayer.HelmChart {

  /** The layer name, unique within the provider, e.g. {@code vsphere-cpi}. */
  String name();

  /** The namespace the layer installs into. */
  String namespace();

  /**
   * Plain Kubernetes manifests.
   *
   * @param name the layer name
   * @param namespace the target namespace
   * @param yaml one or more YAML documents
   */
  record Manifests(String name, String namespace, String yaml) implements AddonLayer {
    public Manifests {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(yaml, "yaml");
    }
  }

  /**
   * A Helm chart from a repository or OCI registry.
   *
   * @param name the layer name
   * @param namespace the target namespace
   * @param repository the chart repository URL or {@code oci://} reference
   * @param chart the chart name
   * @param version the chart version
   * @param values chart values, a JSON-like tree
   */
  record HelmChart(
      String name, String namespace, String repository, String chart, String version, Map<String, Object> values)
      implements AddonLayer {
    public HelmChart {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(chart, "chart");
      Objects.requireNonNull(version, "version");
      values = Trees.copyMap(values);
    }
  }
}
