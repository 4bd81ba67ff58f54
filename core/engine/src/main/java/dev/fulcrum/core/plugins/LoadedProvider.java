package dev.fulcrum.core.plugins;

import dev.fulcrum.spi.AddonLayer;
import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.Manifest;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.ProviderDescriptor;
import java.util.List;
import java.util.function.Supplier;

/**
 * A provider extension as the server uses it: its descriptor read once at load time, every call run
 * with the plugin's class loader as the thread's context loader (libraries that look classes up that
 * way find the plugin's own), and a failure inside the plugin reported with the plugin it came from.
 */
final class LoadedProvider implements InfrastructureProvider {
  private final InfrastructureProvider delegate;
  private final ProviderDescriptor descriptor;
  private final String pluginLabel;
  private final ClassLoader pluginLoader;

  LoadedProvider(InfrastructureProvider delegate, ProviderDescriptor descriptor, String pluginLabel) {
    this.delegate = delegate;
    this.descriptor = descriptor;
    this.pluginLabel = pluginLabel;
    this.pluginLoader = delegate.getClass().getClassLoader();
  }

  /** The plugin the provider came from, for messages: {@code plugin 'id' (file.jar)}. */
  String pluginLabel() {
    return pluginLabel;
  }

  @Override
  public ProviderDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public List<FieldError> validate(ClusterRequest request) {
    return call("validate", () -> delegate.validate(request));
  }

  @Override
  public Manifest infrastructureCluster(ClusterRequest request) {
    return call("infrastructureCluster", () -> delegate.infrastructureCluster(request));
  }

  @Override
  public Manifest machineTemplate(ClusterRequest request, NodePool pool) {
    return call("machineTemplate", () -> delegate.machineTemplate(request, pool));
  }

  @Override
  public CloudInit cloudInit(ClusterRequest request, NodePool pool) {
    return call("cloudInit", () -> delegate.cloudInit(request, pool));
  }

  @Override
  public List<AddonLayer> addons(ClusterRequest request) {
    return call("addons", () -> delegate.addons(request));
  }

  private <T> T call(String method, Supplier<T> invocation) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(pluginLoader);
    T result;
    try {
      result = invocation.get();
    } catch (RuntimeException | LinkageError e) {
      throw new ProviderFailureException(failure(method) + e, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
    if (result == null) {
      throw new ProviderFailureException(failure(method) + "returned null");
    }
    return result;
  }

  private String failure(String method) {
    return "provider '" + descriptor.id() + "' (" + pluginLabel + ") failed in " + method + ": ";
  }
}
