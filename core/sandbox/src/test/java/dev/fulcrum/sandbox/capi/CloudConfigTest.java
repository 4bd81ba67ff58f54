package dev.fulcrum.sandbox.capi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class CloudConfigTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonNode SPEC = YAML.readTree("""
      format: cloud-config
      initConfiguration:
        nodeRegistration:
          kubeletExtraArgs:
            - {name: eviction-hard, value: "nodefs.available<0%"}
      joinConfiguration:
        nodeRegistration:
          kubeletExtraArgs:
            - {name: eviction-hard, value: "nodefs.available<0%"}
      preKubeadmCommands: [echo before]
      postKubeadmCommands: [echo after]
      files:
        - {path: /etc/motd, content: hello, permissions: "0644"}
      users:
        - name: ops
          sudo: ALL=(ALL) NOPASSWD:ALL
          lockPassword: true
          sshAuthorizedKeys: [ssh-ed25519 AAAA ops@example.com, ssh-rsa BBBB backup@example.com]
      """);
  private static final JsonNode NETWORK = YAML.readTree("""
      pods: {cidrBlocks: [192.168.0.0/16]}
      services: {cidrBlocks: [10.96.0.0/12]}
      serviceDomain: cluster.local
      """);

  @Test
  void initDocumentRunsKubeadmInitWithUsersFilesAndCommands() {
    String rendered = CloudConfig.render(SPEC, CloudConfig.Role.INIT, inputs(Map.of("/etc/kubernetes/pki/ca.crt",
        "CERT")));

    assertThat(rendered).startsWith("## template: jinja\n#cloud-config\n")
        // cloud-init reads YAML 1.1: an unquoted 0640 would be an octal number, not the string kubeadm expects.
        .contains("permissions: \"0640\"").contains("permissions: \"0644\"");
    JsonNode document = YAML.readTree(rendered);
    assertThat(document.at("/users/0/name").asString()).isEqualTo("ops");
    assertThat(document.at("/users/0/lock_passwd").asBoolean()).isTrue();
    assertThat(document.at("/users/0/ssh_authorized_keys").toString())
        .isEqualTo("[\"ssh-ed25519 AAAA ops@example.com\",\"ssh-rsa BBBB backup@example.com\"]");
    assertThat(document.path("runcmd").toString()).isEqualTo("[\"echo before\",\"kubeadm init --config "
        + "/run/kubeadm/kubeadm.yaml && echo success > /run/cluster-api/bootstrap-success.complete\",\"echo after\"]");
    assertThat(document.path("write_files").findValuesAsString("path"))
        .containsExactly("/etc/kubernetes/pki/ca.crt", "/etc/motd", "/run/kubeadm/kubeadm.yaml");
    String kubeadm = document.path("write_files").get(2).path("content").asString();
    assertThat(kubeadm).contains("kind: ClusterConfiguration").contains("kubernetesVersion: v1.33.4")
        .contains("controlPlaneEndpoint: 10.0.0.1:6443").contains("podSubnet: 192.168.0.0/16")
        .contains("kind: InitConfiguration").contains("name: eviction-hard")
        .contains(CloudConfig.LOCAL_HOSTNAME).doesNotContain("JoinConfiguration");
  }

  @Test
  void joinDocumentPinsTheCaAndCarriesATokenButNoInitConfiguration() {
    SelfSignedCa.Pem ca = SelfSignedCa.create("kubernetes", Instant.now());
    String rendered = CloudConfig.render(SPEC, CloudConfig.Role.JOIN_CONTROL_PLANE,
        new CloudConfig.Inputs("dev-1", "v1.33.4", "10.0.0.1:6443", NETWORK, Map.of(), ca.certificate()));

    JsonNode document = YAML.readTree(rendered);
    assertThat(document.path("runcmd").toString()).contains("kubeadm join --config "
        + "/run/kubeadm/kubeadm-join-config.yaml");
    JsonNode join = YAML.readTree(document.path("write_files").get(1).path("content").asString());
    assertThat(join.path("kind").asString()).isEqualTo("JoinConfiguration");
    assertThat(join.at("/discovery/bootstrapToken/apiServerEndpoint").asString()).isEqualTo("10.0.0.1:6443");
    assertThat(join.at("/discovery/bootstrapToken/token").asString()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
    assertThat(join.at("/discovery/bootstrapToken/caCertHashes/0").asString()).matches("sha256:[0-9a-f]{64}");
    assertThat(join.has("controlPlane")).isTrue();
  }

  @Test
  void workerJoinHasNoControlPlaneSection() {
    String rendered = CloudConfig.render(SPEC, CloudConfig.Role.JOIN_WORKER, inputs(Map.of()));
    JsonNode join = YAML.readTree(YAML.readTree(rendered).path("write_files").get(1).path("content").asString());
    assertThat(join.has("controlPlane")).isFalse();
  }

  private static CloudConfig.Inputs inputs(Map<String, String> certificates) {
    return new CloudConfig.Inputs("dev-1", "v1.33.4", "10.0.0.1:6443", NETWORK, certificates, null);
  }
}
