package dev.fulcrum.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.core.render.ClusterRenderer;
import dev.fulcrum.core.render.KubeObject;
import dev.fulcrum.core.render.Stage;
import dev.fulcrum.core.request.RequestReader;
import dev.fulcrum.core.steps.WorkloadClusterState;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.testkit.JsonSubset;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Checks what step 2 left in a cluster's namespace against the initial rendering of its request. */
final class InitialRendering {
  private InitialRendering() {}

  /**
   * The cluster's namespace holds exactly the objects of the initial rendering of its stored
   * request, once each, each with every field Fulcrum rendered (controllers and defaulting may add
   * more).
   */
  static void assertApplied(KubernetesClient client, ProviderRegistry providers, ClusterRef ref) {
    GenericKubernetesResource stored =
        client.genericKubernetesResources(WorkloadClusters.API_VERSION, WorkloadClusters.KIND)
            .inNamespace(ref.project())
            .withName(ref.name())
            .get();
    byte[] request = Mappers.json().writeValueAsBytes(new WorkloadClusterState(KubeTrees.tree(stored)).requestDocument());
    List<KubeObject> rendered =
        new ClusterRenderer(providers).render(new RequestReader(providers).read(request), Stage.INITIAL);
    String namespace = ref.project() + "--" + ref.name();
    for (KubeObject object : rendered) {
      GenericKubernetesResource live =
          client.genericKubernetesResources(object.apiVersion(), object.kind()).inNamespace(namespace).withName(object.name()).get();
      assertThat(live).as(object.toString()).isNotNull();
      assertThat(JsonSubset.differences(object.toTree(), KubeTrees.tree(live))).as(object.toString()).isEmpty();
    }
    Map<String, Long> expectedCounts =
        rendered.stream().collect(Collectors.groupingBy(o -> o.apiVersion() + " " + o.kind(), TreeMap::new, Collectors.counting()));
    for (String type : expectedCounts.keySet()) {
      String[] apiVersionAndKind = type.split(" ");
      assertThat(
              client.genericKubernetesResources(apiVersionAndKind[0], apiVersionAndKind[1]).inNamespace(namespace).list().getItems())
          .as("%s objects in %s", type, namespace)
          .hasSize(expectedCounts.get(type).intValue());
    }
  }
}
