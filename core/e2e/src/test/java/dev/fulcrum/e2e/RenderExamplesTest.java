package dev.fulcrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.testkit.CrdSchemas;
import dev.fulcrum.testkit.CredentialScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** {@code fulcrum render} of every example request, at both stages, with the real plugins. */
class RenderExamplesTest {
  /** What each provider must render: infrastructure cluster kind and machine template kind. */
  private static final Map<String, List<String>> INFRA_KINDS =
      Map.of(
          "docker", List.of("DevCluster", "DevMachineTemplate"),
          "vsphere", List.of("VSphereCluster", "VSphereMachineTemplate"),
          "aws", List.of("AWSCluster", "AWSMachineTemplate"),
          "azure", List.of("AzureCluster", "AzureMachineTemplate"));

  private static CrdSchemas crds;

  @BeforeAll
  static void loadCrds() {
    crds = CrdSchemas.loadOrSkip();
  }

  static Stream<Arguments> examplesAndStages() {
    return Stream.of("docker", "vsphere", "aws", "azure")
        .flatMap(provider -> Stream.of(Arguments.of(provider, "initial"), Arguments.of(provider, "full")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("examplesAndStages")
  void rendersValidDeterministicObjects(String provider, String stage) throws Exception {
    Path example = Fulcrum.example(provider + ".yaml");
    JsonNode request = Mappers.yaml().readTree(example.toFile());

    Fulcrum.Run run = render(example, stage);

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    List<JsonNode> objects = run.documents();
    for (JsonNode object : objects) {
      assertThat(crds.validate(object)).as(identity(object)).isEmpty();
    }
    assertThat(objects).extracting(RenderExamplesTest::kind).containsExactlyElementsOf(expectedKinds(request, stage));
    assertThat(find(objects, "KubeadmControlPlane").at("/spec/replicas").intValue())
        .isEqualTo(stage.equals("initial") ? 1 : request.at("/spec/controlPlane/replicas").intValue());
    if (stage.equals("full")) {
      List<JsonNode> deployments = all(objects, "MachineDeployment");
      for (int i = 0; i < deployments.size(); i++) {
        assertThat(deployments.get(i).at("/spec/replicas").intValue())
            .isEqualTo(request.at("/spec/workerPools/" + i + "/replicas").intValue());
      }
    }
    assertThat(render(example, stage).out()).as("second run").isEqualTo(run.out());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("examplesAndStages")
  void sshKeysReachEveryNodeAndNoCredentialValueAppears(String provider, String stage) throws Exception {
    Path example = Fulcrum.example(provider + ".yaml");
    String key = Mappers.yaml().readTree(example.toFile()).at("/spec/sshAuthorizedKeys/0").stringValue();

    List<JsonNode> objects = render(example, stage).documents();

    assertThat(authorizedKeys(find(objects, "KubeadmControlPlane").at("/spec/kubeadmConfigSpec/users"))).contains(key);
    for (JsonNode bootstrap : all(objects, "KubeadmConfigTemplate")) {
      assertThat(authorizedKeys(bootstrap.at("/spec/template/spec/users"))).as(identity(bootstrap)).contains(key);
    }
    if (provider.equals("azure")) {
      for (JsonNode template : all(objects, "AzureMachineTemplate")) {
        String encoded = template.at("/spec/template/spec/sshPublicKey").stringValue();
        assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)).contains(key);
      }
    }
    for (JsonNode object : objects) {
      assertThat(CredentialScan.findings(identity(object), object)).isEmpty();
    }
  }

  private static Fulcrum.Run render(Path example, String stage) {
    return Fulcrum.run("render", "-f", example.toString(), "--stage", stage, "--plugins-dir", Fulcrum.PLUGINS.toString());
  }

  private static List<String> expectedKinds(JsonNode request, String stage) {
    List<String> infra = INFRA_KINDS.get(request.at("/spec/provider").stringValue());
    List<String> kinds = new ArrayList<>(List.of("Cluster", infra.get(0), "KubeadmControlPlane", infra.get(1)));
    if (stage.equals("full")) {
      int pools = request.at("/spec/workerPools").size();
      for (int i = 0; i < pools; i++) {
        kinds.addAll(List.of(infra.get(1), "KubeadmConfigTemplate", "MachineDeployment"));
      }
      for (int i = 0; i <= pools; i++) {
        kinds.add("MachineHealthCheck");
      }
    }
    return kinds;
  }

  private static List<String> authorizedKeys(JsonNode users) {
    List<String> keys = new ArrayList<>();
    users.forEach(user -> user.path("sshAuthorizedKeys").forEach(key -> keys.add(key.stringValue())));
    return keys;
  }

  private static String kind(JsonNode object) {
    return object.get("kind").stringValue();
  }

  private static String identity(JsonNode object) {
    return kind(object) + " " + object.at("/metadata/name").stringValue();
  }

  private static List<JsonNode> all(List<JsonNode> objects, String kind) {
    return objects.stream().filter(object -> kind(object).equals(kind)).toList();
  }

  private static JsonNode find(List<JsonNode> objects, String kind) {
    List<JsonNode> matches = all(objects, kind);
    assertThat(matches).as(kind).hasSize(1);
    return matches.get(0);
  }
}
