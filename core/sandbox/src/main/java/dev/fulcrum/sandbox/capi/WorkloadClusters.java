package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to workload clusters, in the two roles the simulation has: Cluster API reaching a cluster through
 * its {@code <cluster>-kubeconfig} Secret (as CAPI's ClusterCache does), and the simulated machines (kubeadm,
 * kubelet) reaching their own cluster's API directly. Clients share one vert.x instance and are cached per server.
 */
final class WorkloadClusters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkloadClusters.class);
  private static final int MAX_API_NAME = 63;
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

  private final KubeApi management;
  private final WorkloadApis apis;
  private final Vertx vertx = Vertx.vertx();
  private final Vertx5HttpClientFactory httpClients = new Vertx5HttpClientFactory(vertx);
  private final ConcurrentHashMap<String, KubernetesClient> clients = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ObjectKey, SharedIndexInformer<Node>> nodeWatches = new ConcurrentHashMap<>();
  private final java.util.List<java.util.function.BiConsumer<ObjectKey, Node>> nodeListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  WorkloadClusters(KubeApi management, WorkloadApis apis) {
    this.management = management;
    this.apis = apis;
  }

  WorkloadApis apis() {
    return apis;
  }

  /**
   * The name of the API serving a Cluster: its namespace when that already names the cluster (Fulcrum puts each
   * cluster in namespace {@code <project>--<cluster>}), else {@code <namespace>--<cluster>}; a DNS label either way.
   */
  static String apiName(String namespace, String clusterName) {
    String name = namespace.endsWith("--" + clusterName) ? namespace : namespace + "--" + clusterName;
    if (name.length() <= MAX_API_NAME) {
      return name;
    }
    String hash = Trees.hash(name, 10);
    return name.substring(0, MAX_API_NAME - hash.length() - 1).replaceAll("-+$", "") + "-" + hash;
  }

  static String apiName(ApiObject cluster) {
    return apiName(cluster.namespace(), cluster.name());
  }

  /** The API as the cluster's own machines reach it (kubeadm, kubelet). */
  KubernetesClient host(String apiName) {
    return client(new ConfigBuilder(Config.empty()).withMasterUrl(apis.url(apiName)).withOauthToken("kubelet")
        .build());
  }

  /** The cluster's API as Cluster API reaches it: through its kubeconfig Secret, if there is one yet. */
  Optional<KubernetesClient> viaKubeconfig(ApiObject cluster) {
    return management.get(Capi.SECRET, cluster.namespace(), Kubeconfigs.secretName(cluster.name()))
        .map(secret -> secret.text("/data/value"))
        .map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
        .map(kubeconfig -> client(Config.fromKubeconfig(kubeconfig)));
  }

  /** Whether the cluster's API answers through its kubeconfig (Cluster API's remote connection probe). */
  boolean reachable(ApiObject cluster) {
    return viaKubeconfig(cluster).map(WorkloadClusters::answers).orElse(false);
  }

  /** Calls {@code listener} with the Cluster's key and the Node on every change of a Node that is watched. */
  void onNodeChange(java.util.function.BiConsumer<ObjectKey, Node> listener) {
    nodeListeners.add(listener);
  }

  /**
   * Watches the cluster's Nodes (through its kubeconfig) and runs {@code onChange} on every change, once the API
   * answers; a watch that breaks is dropped so that the next call starts it again. True while a watch runs.
   */
  boolean watchNodes(ApiObject cluster, Runnable onChange) {
    ObjectKey key = ObjectKey.of(cluster);
    if (cluster.deleting() || nodeWatches.containsKey(key)) {
      return nodeWatches.containsKey(key);
    }
    Optional<KubernetesClient> client = viaKubeconfig(cluster).filter(WorkloadClusters::answers);
    if (client.isEmpty()) {
      return false;
    }
    nodeWatches.computeIfAbsent(key, k -> {
      SharedIndexInformer<Node> informer = client.get().nodes().runnableInformer(0);
      informer.exceptionHandler((started, error) -> {
        LOG.debug("node watch of {} ended: {}", k, error.toString());
        nodeWatches.remove(k, informer);
        return false;
      });
      informer.addEventHandler(new ResourceEventHandler<Node>() {
        @Override
        public void onAdd(Node node) {
          onChange.run();
          nodeListeners.forEach(listener -> listener.accept(k, node));
        }

        @Override
        public void onUpdate(Node before, Node after) {
          onChange.run();
          nodeListeners.forEach(listener -> listener.accept(k, after));
        }

        @Override
        public void onDelete(Node node, boolean finalStateUnknown) {
          onChange.run();
        }
      });
      informer.start();
      return informer;
    });
    return nodeWatches.containsKey(key);
  }

  /**
   * Stops watching a cluster (it is being deleted) and drops its clients, closing them after a grace period so that
   * reconciles still holding one finish their calls.
   */
  void forget(ApiObject cluster) {
    SharedIndexInformer<Node> watch = nodeWatches.remove(ObjectKey.of(cluster));
    if (watch != null) {
      watch.close();
    }
    String url = apis.url(apiName(cluster));
    clients.entrySet().removeIf(entry -> {
      boolean forCluster = entry.getKey().startsWith(url + "/") || entry.getKey().startsWith(url + "\n");
      if (forCluster) {
        vertx.setTimer(CLOSE_GRACE.toMillis(), timer -> entry.getValue().close());
      }
      return forCluster;
    });
  }

  private static boolean answers(KubernetesClient client) {
    try {
      client.getKubernetesVersion();
      return true;
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  private KubernetesClient client(Config config) {
    config.setRequestRetryBackoffLimit(0);
    return clients.computeIfAbsent(config.getMasterUrl() + "\n" + config.getOauthToken(),
        key -> new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(httpClients).build());
  }

  @Override
  public void close() {
    nodeWatches.values().forEach(SharedIndexInformer::close);
    nodeWatches.clear();
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
    vertx.close();
  }
}
