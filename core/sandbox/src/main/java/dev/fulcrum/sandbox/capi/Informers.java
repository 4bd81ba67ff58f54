package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One shared informer per resource kind of the managed API, across all namespaces: controllers register handlers
 * that map changes to the keys they reconcile, and read the informers' caches to find related objects.
 */
final class Informers implements AutoCloseable {

  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  private final KubeApi api;
  private final long resyncMillis;
  private final Map<ResourceKind, SharedIndexInformer<GenericKubernetesResource>> informers = new LinkedHashMap<>();

  Informers(KubeApi api, Duration resync) {
    this.api = api;
    this.resyncMillis = resync.toMillis();
  }

  /**
   * Calls {@code handler} with every added, updated (old and new state) and deleted object of a kind, and with every
   * object once per resync period. Register before {@link #start()}.
   */
  synchronized void onChange(ResourceKind kind, Consumer<ApiObject> handler) {
    informer(kind).addEventHandler(new ResourceEventHandler<GenericKubernetesResource>() {
      @Override
      public void onAdd(GenericKubernetesResource object) {
        handler.accept(api.tree(object));
      }

      @Override
      public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        handler.accept(api.tree(after));
        if (before != after) {
          handler.accept(api.tree(before));
        }
      }

      @Override
      public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
        handler.accept(api.tree(object));
      }
    });
  }

  /** The cached objects of a kind in a namespace (possibly slightly behind the API). */
  List<ApiObject> cached(ResourceKind kind, String namespace) {
    SharedIndexInformer<GenericKubernetesResource> informer;
    synchronized (this) {
      informer = informers.get(kind);
    }
    if (informer == null) {
      return List.of();
    }
    List<ApiObject> objects = new ArrayList<>();
    for (GenericKubernetesResource resource : informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace)) {
      objects.add(api.tree(resource));
    }
    return objects;
  }

  /** Starts every informer and waits until each has listed its kind once. */
  synchronized void start() {
    List<CompletableFuture<Void>> started = new ArrayList<>();
    informers.values().forEach(informer -> started.add(informer.start().toCompletableFuture()));
    try {
      CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
          .get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not list and watch " + informers.keySet() + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("informers did not sync within " + SYNC_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting informers", e);
    }
  }

  @Override
  public synchronized void close() {
    informers.values().forEach(SharedIndexInformer::close);
    informers.clear();
  }

  private SharedIndexInformer<GenericKubernetesResource> informer(ResourceKind kind) {
    return informers.computeIfAbsent(kind, k -> api.client().genericKubernetesResources(k.context())
        .inAnyNamespace().runnableInformer(resyncMillis));
  }
}
