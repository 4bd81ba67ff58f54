package dev.fulcrum.core.render;

import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.CredentialPolicy;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.Manifest;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.NodeRole;
import dev.fulcrum.spi.ProviderDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny provider for renderer tests: machine templates carry the pool's machine settings, the
 * control plane gets a file, a kubelet argument and commands, every pool an SSH user.
 */
public class TestProvider implements InfrastructureProvider {
  static final String API_VERSION = "infrastructure.example.dev/v1beta2";

  @Override
  public ProviderDescriptor descriptor() {
    return new ProviderDescriptor(
        "test",
        "Test cloud",
        API_VERSION,
        "TestCluster",
        "TestMachine",
        "TestMachineTemplate",
        "v1beta2",
        List.of(),
        CredentialPolicy.none(),
        "{\"type\":\"object\"}",
        "{\"type\":\"object\"}");
  }

  @Override
  public List<FieldError> validate(ClusterRequest request) {
    return List.of();
  }

  @Override
  public Manifest infrastructureCluster(ClusterRequest request) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("region", request.infrastructure().string("region").orElse("nowhere"));
    return new Manifest(API_VERSION, "TestCluster", Map.of("example.dev/tier", "gold"), Map.of("example.dev/note", "hi"), spec);
  }

  @Override
  public Manifest machineTemplate(ClusterRequest request, NodePool pool) {
    return Manifest.of(API_VERSION, "TestMachineTemplate", Map.of("template", Map.of("spec", pool.machine().values())));
  }

  @Override
  public CloudInit cloudInit(ClusterRequest request, NodePool pool) {
    List<CloudInit.User> users = List.of(new CloudInit.User("ops", "ALL=(ALL) NOPASSWD:ALL", request.sshAuthorizedKeys()));
    if (pool.role() == NodeRole.WORKER) {
      return CloudInit.NONE.withUsers(users)
          .withFiles(List.of(CloudInit.File.fromSecret("/etc/example/cloud.json",
              new CloudInit.SecretKey(CloudInit.SecretKey.MACHINE_TEMPLATE + "-cloud", "worker.json"), null, null)));
    }
    return CloudInit.NONE.withUsers(users)
        .withFiles(List.of(CloudInit.File.of("/etc/example/vip.yaml", "line one\nline two\n", "0644", "root:root")))
        .withPreKubeadmCommands(List.of("echo before"))
        .withPostKubeadmCommands(List.of("echo after"))
        .withKubeletExtraArgs(List.of(new CloudInit.Arg("cloud-provider", "external")))
        .withNodeName("{{ local_hostname }}");
  }
}
