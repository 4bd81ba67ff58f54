package dev.fulcrum.spi;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * The one extension point a provider plugin implements (annotate the implementation with
 * {@link org.pf4j.Extension}).
 *
 * <p>Implementations are stateless and thread-safe. Every method but {@link #descriptor()} and
 * {@link #validate} receives a request that has already passed the core's rules, the provider's
 * JSON schemas and {@link #validate}. Rendering must be deterministic: the same request gives equal
 * objects.
 */
public interface InfrastructureProvider extends ExtensionPoint {

  /** What this provider is, renders and needs. Called once when the plugin loads. */
  ProviderDescriptor descriptor();

  /**
   * Provider rules beyond the JSON schemas (cross-field rules, formats). Paths are absolute, e.g.
   * {@code spec.infrastructure.controlPlaneEndpoint.host} or {@code spec.workerPools[0].machine.instanceType}.
   *
   * @return every problem found; empty when the request is acceptable
   */
  List<FieldError> validate(ClusterRequest request);

  /**
   * The infrastructure cluster object (e.g. {@code VSphereCluster}). Credentials appear only as a
   * reference to {@link ClusterRequest#cloudAccountRef()}.
   */
  Manifest infrastructureCluster(ClusterRequest request);

  /**
   * The machine template for one pool (e.g. {@code VSphereMachineTemplate}). The core names it after
   * its content, so a changed template gets a new name, as upstream immutability requires.
   */
  Manifest machineTemplate(ClusterRequest request, NodePool pool);

  /** How this provider's nodes get the request's SSH keys, files, commands and kubelet arguments. */
  CloudInit cloudInit(ClusterRequest request, NodePool pool);

  /** Add-ons every cluster on this cloud needs, in install order. */
  default List<AddonLayer> addons(ClusterRequest request) {
    return List.of();
  }
}
