package dev.fulcrum.core.kube;

import dev.fulcrum.core.yaml.Mappers;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Fulcrum's own CustomResourceDefinitions ({@code config/crds}, shipped inside the engine jar) and
 * their installation into a management cluster.
 */
public final class Crds {
  /** The WorkloadCluster CRD's file name. */
  public static final String WORKLOAD_CLUSTERS = "fulcrum.dev_workloadclusters.yaml";

  /** The ClusterProfile CRD's file name. */
  public static final String CLUSTER_PROFILES = "fulcrum.dev_clusterprofiles.yaml";

  private static final List<String> ALL = List.of(WORKLOAD_CLUSTERS, CLUSTER_PROFILES);

  private static final Duration ESTABLISH_TIMEOUT = Duration.ofSeconds(60);

  private Crds() {}

  /** A CRD shipped with the engine, as a tree. */
  public static JsonNode read(String fileName) {
    try (InputStream in = Crds.class.getResourceAsStream("crds/" + fileName)) {
      if (in == null) {
        throw new IllegalStateException("the engine jar holds no CRD " + fileName);
      }
      return Mappers.yaml().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD " + fileName, e);
    }
  }

  /**
   * Applies Fulcrum's CRDs (server-side apply, so an upgrade updates them) and waits until the API
   * server serves them.
   *
   * @throws IllegalStateException if a CRD is not established within a minute
   */
  public static void install(KubernetesClient client) {
    for (String file : ALL) {
      JsonNode crd = read(file);
      new ServerSideApply(client).apply(crd);
      String name = crd.at("/metadata/name").stringValue();
      try {
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(name)
            .waitUntilCondition(Crds::established, ESTABLISH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (RuntimeException e) {
        throw new IllegalStateException("CRD " + name + " was not established within " + ESTABLISH_TIMEOUT, e);
      }
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(condition -> "Established".equals(condition.getType()) && "True".equals(condition.getStatus()));
  }
}
