package dev.fulcrum.sandbox.capi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fulcrum.sandbox.SandboxServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Test plumbing: the Dev provider's kinds, clients for sandbox clusters, the shared CRDs and the YAML fixtures. */
final class SimulatorFixture {

  /** CAPD's Dev kinds, as the docker plugin's descriptor declares them. */
  static final InfraKinds DEV = new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta2", "DevCluster",
      "DevMachine", "DevMachineTemplate", InfraKinds.Contract.V1BETA2);
  static final String CLUSTER_API = "cluster.x-k8s.io/v1beta2";
  static final String CONTROL_PLANE_API = "controlplane.cluster.x-k8s.io/v1beta2";
  static final String BOOTSTRAP_API = "bootstrap.cluster.x-k8s.io/v1beta2";
  static final String INFRA_API = "infrastructure.cluster.x-k8s.io/v1beta2";

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private SimulatorFixture() {}

  /** The upstream CRD directory ({@code fulcrum.shared.dir}/crds); aborts the calling test, loudly, when absent. */
  static Path sharedCrds() {
    String shared = System.getProperty("fulcrum.shared.dir");
    Path crds = shared == null ? null : Path.of(shared).resolve("crds");
    if (crds == null || !Files.isDirectory(crds.resolve("cluster-api"))) {
      System.err.println("""
          ************************************************************************
          * SKIPPED: the upstream CAPI CRDs are not available (system property
          * fulcrum.shared.dir=%s). The CAPI simulator tests do not run.
          ************************************************************************""".formatted(shared));
      assumeTrue(false, "CAPI CRDs not found under fulcrum.shared.dir=" + shared);
    }
    return crds;
  }

  static KubernetesClient client(SandboxServer server, String cluster) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.clusterUrl(cluster))
        .withOauthToken("sandbox").withNamespace("default").withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  static KubernetesClient clientFromKubeconfig(String kubeconfig) {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }

  /**
   * Applies a fixture from this package's resources as cluster {@code clusterName} (the fixtures are written for
   * {@code dev-1} in namespace {@code team-a--dev-1}; every {@code dev-1} becomes {@code clusterName}), creating its
   * namespace first.
   */
  static String apply(KubernetesClient client, String fixture, String clusterName) {
    return apply(client, fixture, clusterName, document -> { });
  }

  /** Like {@link #apply(KubernetesClient, String, String)}, changing each document before it is created. */
  static String apply(KubernetesClient client, String fixture, String clusterName,
      java.util.function.Consumer<ObjectNode> change) {
    return apply(client, fixture, clusterName, change, null);
  }

  /** Like {@link #apply(KubernetesClient, String, String, java.util.function.Consumer)}, only documents of a kind. */
  static String apply(KubernetesClient client, String fixture, String clusterName,
      java.util.function.Consumer<ObjectNode> change, String onlyKind) {
    String namespace = "team-a--" + clusterName;
    if (client.namespaces().withName(namespace).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
    for (JsonNode document : documents(fixture, clusterName)) {
      if (onlyKind != null && !onlyKind.equals(document.path("kind").asString())) {
        continue;
      }
      change.accept((ObjectNode) document);
      GenericKubernetesResource resource = client.getKubernetesSerialization()
          .convertValue(document, GenericKubernetesResource.class);
      resources(client, resource.getApiVersion(), resource.getKind()).inNamespace(namespace).resource(resource)
          .create();
    }
    return namespace;
  }

  static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources(KubernetesClient client, String apiVersion, String kind) {
    return client.genericKubernetesResources(apiVersion, kind);
  }

  static GenericKubernetesResource get(KubernetesClient client, String apiVersion, String kind, String namespace,
      String name) {
    return resources(client, apiVersion, kind).inNamespace(namespace).withName(name).get();
  }

  static List<GenericKubernetesResource> list(KubernetesClient client, String apiVersion, String kind,
      String namespace, Map<String, String> labels) {
    return resources(client, apiVersion, kind).inNamespace(namespace).withLabels(labels).list().getItems();
  }

  /** A JSON merge patch without a resourceVersion, as {@code kubectl patch --type=merge} sends it. */
  static void mergePatch(KubernetesClient client, String apiVersion, String kind, String namespace, String name,
      String patch) {
    resources(client, apiVersion, kind).inNamespace(namespace).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  /** A resource's JSON tree, for pointer access. */
  static JsonNode tree(KubernetesClient client, GenericKubernetesResource resource) {
    return client.getKubernetesSerialization().convertValue(resource, JsonNode.class);
  }

  /** Waits until exactly {@code count} machines match and all are Running with a node; returns them. */
  static List<JsonNode> awaitRunningMachines(KubernetesClient client, String ns, Map<String, String> labels,
      int count) {
    return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
        .until(() -> machines(client, ns, labels), machines -> machines.size() == count
            && machines.stream().allMatch(m -> "Running".equals(m.at("/status/phase").asString())
                && !m.at("/status/nodeRef/name").asString("").isEmpty()));
  }

  static List<JsonNode> machines(KubernetesClient client, String ns, Map<String, String> labels) {
    return list(client, CLUSTER_API, "Machine", ns, labels).stream().map(m -> tree(client, m)).toList();
  }

  /** The status of a condition ({@code True}, {@code False}, {@code Unknown}), or null when absent. */
  static String condition(JsonNode object, String type) {
    for (JsonNode condition : object.at("/status/conditions")) {
      if (type.equals(condition.path("type").stringValue(null))) {
        return condition.path("status").stringValue(null);
      }
    }
    return null;
  }

  private static List<JsonNode> documents(String fixture, String clusterName) {
    try (InputStream in = SimulatorFixture.class.getResourceAsStream(fixture)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + fixture);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("dev-1", clusterName);
      List<JsonNode> documents = new ArrayList<>();
      try (MappingIterator<JsonNode> values = YAML.readerFor(JsonNode.class).readValues(text)) {
        while (values.hasNext()) {
          JsonNode document = values.next();
          if (document != null && document.isObject()) {
            documents.add(document);
          }
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
