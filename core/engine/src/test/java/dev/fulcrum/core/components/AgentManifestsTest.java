package dev.fulcrum.core.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.cluster.ClusterRef;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AgentManifestsTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ClusterRef CLUSTER = new ClusterRef("team-a", "edge-42");
  private static final URI SERVER = URI.create("https://fulcrum.example.com:8443");

  private final AgentToken token = new AgentTokens().generate();
  private final AgentManifests manifests = AgentManifests.forCluster(CLUSTER, SERVER, token, "0.1.0");

  private <T> T typed(String kind, Class<T> type) {
    ObjectNode object = manifests.objects().stream().filter(o -> o.path("kind").asString().equals(kind))
        .findFirst().orElseThrow();
    // fabric8's model fails on unknown fields only if we ask; a round trip must give back the same tree.
    T value = SERIALIZATION.convertValue(object, type);
    assertThat(SERIALIZATION.convertValue(value, ObjectNode.class)).isEqualTo(object);
    return value;
  }

  @Test
  void objectsAreTheContractsNamesInInstallOrder() {
    assertThat(manifests.objects()).extracting(o -> o.path("kind").asString() + " " + o.at("/metadata/namespace")
            .asString("") + "/" + o.at("/metadata/name").asString())
        .containsExactly("Namespace /fulcrum-system", "ServiceAccount fulcrum-system/fulcrum-agent",
            "ClusterRole /fulcrum-agent", "ClusterRoleBinding /fulcrum-agent", "Role fulcrum-system/fulcrum-agent",
            "RoleBinding fulcrum-system/fulcrum-agent", "Secret fulcrum-system/fulcrum-agent",
            "Deployment fulcrum-system/fulcrum-agent");
    for (ObjectNode object : manifests.objects()) {
      assertThat(object.at("/metadata/labels")).isNotNull();
      assertThat(object.at("/metadata/labels/app.kubernetes.io~1managed-by").asString()).isEqualTo("fulcrum");
      assertThat(object.at("/metadata/labels/fulcrum.dev~1cluster").asString()).isEqualTo("edge-42");
      assertThat(object.at("/metadata/labels/fulcrum.dev~1project").asString()).isEqualTo("team-a");
    }
  }

  @Test
  void everyObjectIsAValidKubernetesObjectOfItsKind() {
    assertThat(typed("Namespace", Namespace.class).getMetadata().getName()).isEqualTo("fulcrum-system");
    assertThat(typed("ServiceAccount", ServiceAccount.class).getMetadata().getNamespace()).isEqualTo("fulcrum-system");
    ClusterRoleBinding clusterBinding = typed("ClusterRoleBinding", ClusterRoleBinding.class);
    assertThat(clusterBinding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(clusterBinding.getSubjects()).singleElement()
        .satisfies(s -> assertThat(s.getNamespace() + "/" + s.getName()).isEqualTo("fulcrum-system/fulcrum-agent"));
    RoleBinding binding = typed("RoleBinding", RoleBinding.class);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getKind()).isEqualTo("ServiceAccount"));
    typed("Secret", Secret.class);
    typed("ClusterRole", ClusterRole.class);
    typed("Role", Role.class);
    typed("Deployment", Deployment.class);
  }

  @Test
  void rbacGrantsExactlyWhatTheAgentNeeds() {
    ClusterRole clusterRole = typed("ClusterRole", ClusterRole.class);
    assertThat(clusterRole.getRules()).hasSize(3);
    assertThat(clusterRole.getRules().get(0).getApiGroups()).containsExactly("cluster.x-k8s.io",
        "bootstrap.cluster.x-k8s.io", "controlplane.cluster.x-k8s.io", "infrastructure.cluster.x-k8s.io");
    assertThat(clusterRole.getRules().get(0).getVerbs())
        .containsExactly("get", "list", "watch", "create", "update", "patch", "delete");
    assertThat(clusterRole.getRules().get(1).getResources()).containsExactly("nodes");
    assertThat(clusterRole.getRules().get(1).getVerbs()).containsExactly("get", "list", "watch");
    assertThat(clusterRole.getRules().get(2).getResources()).containsExactly("events");
    assertThat(clusterRole.getRules().get(2).getVerbs()).doesNotContain("delete", "get", "list");
    // Nothing about Secrets or ConfigMaps cluster-wide; ConfigMaps only in the agent's own namespace.
    assertThat(clusterRole.getRules()).allSatisfy(rule -> assertThat(rule.getResources())
        .doesNotContain("secrets", "configmaps"));
    Role role = typed("Role", Role.class);
    assertThat(role.getMetadata().getNamespace()).isEqualTo("fulcrum-system");
    assertThat(role.getRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getApiGroups()).containsExactly("");
      assertThat(rule.getResources()).containsExactly("configmaps");
    });
  }

  @Test
  void secretCarriesServerTokenAndClusterForEnvFrom() {
    Secret secret = typed("Secret", Secret.class);
    Map<String, String> decoded = new java.util.TreeMap<>();
    secret.getData().forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    assertThat(decoded).containsExactlyInAnyOrderEntriesOf(Map.of(
        "FULCRUM_SERVER_URL", "https://fulcrum.example.com:8443",
        "FULCRUM_AGENT_TOKEN", token.reveal(),
        "FULCRUM_CLUSTER", "team-a/edge-42"));
  }

  @Test
  void deploymentRunsOneRestrictedAgentOnTheControlPlane() {
    Deployment deployment = typed("Deployment", Deployment.class);
    var spec = deployment.getSpec();
    assertThat(spec.getReplicas()).isEqualTo(1);
    assertThat(spec.getStrategy().getType()).isEqualTo("Recreate");
    assertThat(spec.getTemplate().getMetadata().getLabels()).containsAllEntriesOf(spec.getSelector().getMatchLabels());
    var pod = spec.getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("fulcrum-agent");
    assertThat(pod.getTolerations()).extracting(t -> t.getKey() + ":" + t.getEffect()).containsExactly(
        "node-role.kubernetes.io/control-plane:NoSchedule", "node-role.kubernetes.io/master:NoSchedule");
    var container = pod.getContainers().get(0);
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(container.getImage()).isEqualTo("ghcr.io/fulcrum-dev/fulcrum-agent:0.1.0");
    assertThat(container.getArgs()).containsExactly("agent");
    assertThat(container.getEnvFrom()).singleElement()
        .satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo("fulcrum-agent"));
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    var security = container.getSecurityContext();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void theTokenAppearsNowhereButInTheSecret() {
    String raw = token.reveal();
    String encoded = Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    assertThat(manifests.toString()).doesNotContain(raw).doesNotContain(encoded).contains("Secret fulcrum-agent");
    List<ObjectNode> objects = manifests.objects();
    assertThat(objects.stream().filter(o -> !o.path("kind").asString().equals("Secret")))
        .allSatisfy(o -> assertThat(o.toString()).doesNotContain(raw).doesNotContain(encoded));
    assertThatThrownBy(() -> AgentManifests.forCluster(CLUSTER, URI.create("relative/path"), token, "0.1.0"))
        .hasMessageNotContaining(raw).hasMessageContaining("serverUrl");
  }

  @Test
  void renderingIsDeterministicAndCopiesAreIndependent() {
    AgentToken same = AgentTokens.of(token.reveal());
    assertThat(AgentManifests.forCluster(CLUSTER, SERVER, same, "0.1.0").objects()).isEqualTo(manifests.objects());
    manifests.objects().get(0).put("kind", "Changed");
    assertThat(manifests.objects().get(0).path("kind").asString()).isEqualTo("Namespace");
  }

  @Test
  void badVersionTagIsRefused() {
    assertThatThrownBy(() -> AgentManifests.forCluster(CLUSTER, SERVER, token, "1.0 beta"))
        .hasMessage("fulcrumVersion: \"1.0 beta\" is not a valid image tag");
  }
}
