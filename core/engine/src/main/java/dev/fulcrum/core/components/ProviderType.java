package dev.fulcrum.core.components;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A clusterctl provider type, with the label prefix and the components file name clusterctl uses for it (clusterctl
 * provider contract, "Components YAML" naming conventions and "Labels").
 */
public enum ProviderType {
  /** Cluster API core; its label is always {@code cluster-api}. */
  CORE("CoreProvider", "", "core-components.yaml"),
  /** A bootstrap provider, e.g. label {@code bootstrap-kubeadm}. */
  BOOTSTRAP("BootstrapProvider", "bootstrap-", "bootstrap-components.yaml"),
  /** A control-plane provider, e.g. label {@code control-plane-kubeadm}. */
  CONTROL_PLANE("ControlPlaneProvider", "control-plane-", "control-plane-components.yaml"),
  /** An infrastructure provider, e.g. label {@code infrastructure-vsphere}. */
  INFRASTRUCTURE("InfrastructureProvider", "infrastructure-", "infrastructure-components.yaml"),
  /** An IP address management provider, e.g. label {@code ipam-in-cluster}. */
  IPAM("IPAMProvider", "ipam-", "ipam-components.yaml");

  private final String clusterctlName;
  private final String labelPrefix;
  private final String fileName;

  ProviderType(String clusterctlName, String labelPrefix, String fileName) {
    this.clusterctlName = clusterctlName;
    this.labelPrefix = labelPrefix;
    this.fileName = fileName;
  }

  /** The type as clusterctl spells it, e.g. {@code InfrastructureProvider}. */
  public String clusterctlName() {
    return clusterctlName;
  }

  /** The provider label of a provider of this type named {@code name}, e.g. {@code infrastructure-vsphere}. */
  String label(String name) {
    return this == CORE ? "cluster-api" : labelPrefix + name;
  }

  /** The components file in a version directory, e.g. {@code infrastructure-components.yaml}. */
  public String fileName() {
    return fileName;
  }

  /**
   * The type clusterctl names {@code clusterctlName}.
   *
   * @throws IllegalArgumentException naming the known types, for any other name
   */
  public static ProviderType of(String clusterctlName) {
    return Arrays.stream(values())
        .filter(type -> type.clusterctlName.equals(clusterctlName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "provider type \"" + clusterctlName + "\" is not one Fulcrum installs; expected one of "
                        + Arrays.stream(values()).map(ProviderType::clusterctlName).collect(Collectors.joining(", "))));
  }
}
