package dev.fulcrum.core.engine;

import dev.fulcrum.core.kube.Crds;
import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import dev.fulcrum.testkit.CrdSchemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A management cluster for engine tests: the sandbox API server with Fulcrum's CRD (installed the
 * way the server installs it), the upstream Cluster API CRDs and the test provider's CRDs. No Cluster
 * API controllers run: tests that need their work play it themselves.
 */
public final class ManagementCluster implements AutoCloseable {
  private final SandboxServer sandbox;
  private final KubernetesClient client;

  private ManagementCluster(SandboxServer sandbox, KubernetesClient client) {
    this.sandbox = sandbox;
    this.client = client;
  }

  /** Starts one; aborts the test (skipped, loudly) when the upstream CRDs are not available. */
  public static ManagementCluster start() {
    Path capiCrds = CrdSchemas.configuredDirectory().map(dir -> dir.resolve("cluster-api")).orElse(null);
    if (capiCrds == null || !Files.isDirectory(capiCrds)) {
      System.err.println("UPSTREAM CAPI CRDS NOT FOUND at " + capiCrds + ": engine tests SKIPPED");
      Assumptions.abort("the upstream CAPI CRDs are not available at " + capiCrds);
    }
    SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
    KubernetesClient client = KubeClients.forUrl(sandbox.clusterUrl(SandboxServer.MANAGEMENT));
    Crds.install(client);
    List<HasMetadata> crds = new ArrayList<>();
    try (Stream<Path> files = Files.list(capiCrds)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          crds.addAll(client.load(in).items());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InputStream in = ManagementCluster.class.getResourceAsStream("/crds/infrastructure.example.dev.yaml")) {
      crds.addAll(client.load(in).items());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    crds.forEach(crd -> client.resource(crd).create());
    return new ManagementCluster(sandbox, client);
  }

  /** A client for the management cluster (closed with it). */
  public KubernetesClient client() {
    return client;
  }

  /** The management cluster's API URL, for more clients. */
  public String url() {
    return sandbox.clusterUrl(SandboxServer.MANAGEMENT);
  }

  @Override
  public void close() {
    client.close();
    sandbox.close();
  }
}
