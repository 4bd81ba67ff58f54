package dev.fulcrum.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared test plumbing: fabric8 clients for sandbox clusters, CRDs from the shared dir and the repo, raw HTTP. */
final class SandboxFixture {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SandboxFixture() {}

  /** A fabric8 client for one sandbox cluster, with the prefixed URL as its master URL. */
  static KubernetesClient client(SandboxServer server, String cluster) {
    return client(server, cluster, false);
  }

  static KubernetesClient client(SandboxServer server, String cluster, boolean onlyHttpWatches) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(server.clusterUrl(cluster))
        .withOauthToken("sandbox")
        .withNamespace("default")
        .withRequestRetryBackoffLimit(0)
        .withOnlyHttpWatches(onlyHttpWatches)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The repository root (the reactor directory). */
  /**
   * A valid {@code WorkloadCluster} spec: Fulcrum's CRD requires provider, kubernetesVersion and controlPlane.
   * {@code overrides} replace or add top-level fields.
   */
  static Map<String, Object> workloadClusterSpec(Map<String, Object> overrides) {
    Map<String, Object> spec = new HashMap<>(Map.of(
        "provider", "docker", "kubernetesVersion", "v1.33.4", "controlPlane", Map.of("replicas", 1)));
    spec.putAll(overrides);
    return spec;
  }

  /** A valid {@code WorkloadCluster} named {@code name}; the namespace comes from the client call. */
  static GenericKubernetesResource workloadCluster(String name) {
    return workloadCluster(name, workloadClusterSpec(Map.of()));
  }

  /** A {@code WorkloadCluster} with exactly this spec (kept mutable so tests can change the object). */
  static GenericKubernetesResource workloadCluster(String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion("fulcrum.dev/v1alpha1").withKind("WorkloadCluster")
        .withNewMetadata().withName(name).endMetadata()
        .withAdditionalProperties(new HashMap<>(Map.of("spec", new HashMap<>(spec)))).build();
  }

  /** {@link #workloadClusterSpec} as inline YAML, for kubectl manifests. */
  static final String WORKLOAD_CLUSTER_SPEC_YAML =
      "{provider: docker, kubernetesVersion: v1.33.4, controlPlane: {replicas: 1}}";

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("config").resolve("crds"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository's config/crds from " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** Installs Fulcrum's own CRDs (config/crds) and waits until they are established. */
  static List<CustomResourceDefinition> installFulcrumCrds(KubernetesClient client) {
    return install(client, crdFiles(repositoryRoot().resolve("config").resolve("crds")));
  }

  /** Installs the upstream CAPI CRDs from the shared directory. */
  static List<CustomResourceDefinition> installCapiCrds(KubernetesClient client) {
    return install(client, crdFiles(capiCrdDirectory()));
  }

  /**
   * The upstream CAPI CRDs in the shared directory ({@code fulcrum.shared.dir}); aborts the calling test,
   * loudly, when they are not there.
   */
  static Path capiCrdDirectory() {
    String shared = System.getProperty("fulcrum.shared.dir");
    Path crds = shared == null ? null : Path.of(shared).resolve("crds").resolve("cluster-api");
    if (crds == null || !Files.isDirectory(crds)) {
      System.err.println("""
          ************************************************************************
          * SKIPPED: the CAPI CRDs are not available (system property
          * fulcrum.shared.dir=%s). Tests that need them do not run.
          ************************************************************************""".formatted(shared));
      assumeTrue(false, "CAPI CRDs not found under fulcrum.shared.dir=" + shared);
    }
    return crds;
  }

  static List<Path> crdFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<CustomResourceDefinition> install(KubernetesClient client, List<Path> files) {
    return files.stream().map(file -> {
      try (InputStream in = Files.newInputStream(file)) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
        CustomResourceDefinition existing = client.apiextensions().v1().customResourceDefinitions()
            .withName(crd.getMetadata().getName()).get();
        return existing != null ? existing : client.apiextensions().v1().customResourceDefinitions()
            .resource(crd).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }

  /** A plain HTTP exchange, for what a typed client hides (status codes, Status bodies, headers). */
  static HttpResponse<String> http(String method, String url, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(String url) {
    return http("GET", url, null, null);
  }
}
