package dev.fulcrum.core.components;

import dev.fulcrum.spi.ProviderComponent;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One Cluster API provider component at one version, e.g. the {@code kubeadm} bootstrap provider {@code v1.14.0}.
 *
 * @param name the provider name, e.g. {@code kubeadm}, {@code vsphere}; {@code cluster-api} for core
 * @param type its clusterctl type
 * @param version its version directory, e.g. {@code v1.14.0}
 */
public record Component(String name, ProviderType type, String version) {
  private static final String NAME = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String VERSION = "v?\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?";

  public Component {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(version, "version");
    // Both become directory names: refuse anything that could leave the repository root.
    if (!name.matches(NAME)) {
      throw new IllegalArgumentException(
          "component name \"" + name + "\" must be lower-case letters, digits and '-' (a clusterctl provider name)");
    }
    if (!version.matches(VERSION)) {
      throw new IllegalArgumentException(
          "component " + name + ": version \"" + version + "\" is not a semantic version such as v1.14.0");
    }
  }

  /** A plugin's component, e.g. {@code (vsphere, InfrastructureProvider, v1.16.1)}. */
  public static Component of(ProviderComponent component) {
    return new Component(component.name(), ProviderType.of(component.type()), component.version());
  }

  /** Cluster API core. */
  public static Component core(String version) {
    return new Component("cluster-api", ProviderType.CORE, version);
  }

  /** The kubeadm bootstrap provider. */
  public static Component kubeadmBootstrap(String version) {
    return new Component("kubeadm", ProviderType.BOOTSTRAP, version);
  }

  /** The kubeadm control-plane provider. */
  public static Component kubeadmControlPlane(String version) {
    return new Component("kubeadm", ProviderType.CONTROL_PLANE, version);
  }

  /**
   * The provider label clusterctl puts on every object of this component ({@code cluster.x-k8s.io/provider}) and the
   * name of its directory in a components repository, e.g. {@code infrastructure-vsphere}.
   */
  public String label() {
    return type.label(name);
  }

  /** The components file's path relative to a repository root: {@code <label>/<version>/<file>}. */
  public Path relativePath() {
    return Path.of(label(), version, type.fileName());
  }

  @Override
  public String toString() {
    return label() + " " + version;
  }
}
