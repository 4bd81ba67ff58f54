package dev.fulcrum.core.components;

import dev.fulcrum.spi.ProviderDescriptor;
import dev.fulcrum.spi.ProviderComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The versions of the components every cluster gets regardless of its provider: Cluster API core, the kubeadm
 * bootstrap provider and the kubeadm control-plane provider.
 *
 * @param core the Cluster API core version
 * @param kubeadmBootstrap the kubeadm bootstrap provider version
 * @param kubeadmControlPlane the kubeadm control-plane provider version
 */
public record ComponentVersions(String core, String kubeadmBootstrap, String kubeadmControlPlane) {
  /** The Cluster API release Fulcrum's rendering follows. */
  public static final String CAPI_VERSION = "v1.14.0";

  /** Every Cluster API component at {@value #CAPI_VERSION}. */
  public static final ComponentVersions DEFAULT = new ComponentVersions(CAPI_VERSION, CAPI_VERSION, CAPI_VERSION);

  public ComponentVersions {
    Objects.requireNonNull(core, "core");
    Objects.requireNonNull(kubeadmBootstrap, "kubeadmBootstrap");
    Objects.requireNonNull(kubeadmControlPlane, "kubeadmControlPlane");
  }

  /**
   * The components a cluster of this provider needs, in installation order: core, kubeadm bootstrap, kubeadm control
   * plane, then the provider's own ({@link ProviderDescriptor#components()}).
   *
   * @throws IllegalArgumentException if the descriptor names a component type or version Fulcrum cannot install
   */
  public List<Component> forProvider(ProviderDescriptor provider) {
    List<Component> components =
        new ArrayList<>(
            List.of(
                Component.core(core),
                Component.kubeadmBootstrap(kubeadmBootstrap),
                Component.kubeadmControlPlane(kubeadmControlPlane)));
    List<String> problems = new ArrayList<>();
    List<ProviderComponent> declared = provider.components();
    for (int i = 0; i < declared.size(); i++) {
      try {
        components.add(Component.of(declared.get(i)));
      } catch (IllegalArgumentException e) {
        problems.add("provider " + provider.id() + ": components[" + i + "]: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return List.copyOf(components);
  }
}
