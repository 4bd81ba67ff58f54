package dev.fulcrum.plugins.docker;

import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.CredentialPolicy;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.Manifest;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.ProviderComponent;
import dev.fulcrum.spi.ProviderDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Local clusters whose nodes are Docker containers, through Cluster API's Docker provider (CAPD)
 * and its {@code DevCluster}/{@code DevMachineTemplate} kinds with the {@code docker} backend (the
 * {@code Docker*} kinds are deprecated upstream). Needs no cloud credentials.
 */
@Extension
public final class DockerProvider implements InfrastructureProvider {
  static final String API_VERSION = "infrastructure.cluster.x-k8s.io/v1beta2";
  static final String NODE_USER = "fulcrum";
  static final String SUDO_ALL = "ALL=(ALL) NOPASSWD:ALL";

  /** docker/distribution's reference grammar: [host[:port]/]path[:tag][@digest], lower-case path. */
  private static final Pattern IMAGE_REFERENCE = Pattern.compile(
      "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?"
          + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
          + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?");

  private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(
      "docker",
      "Docker (CAPD)",
      API_VERSION,
      "DevCluster",
      "DevMachine",
      "DevMachineTemplate",
      "v1beta2",
      List.of(new ProviderComponent("docker", "InfrastructureProvider", "v1.14.0")),
      CredentialPolicy.none(),
      ProviderDescriptor.resource(DockerProvider.class, "infrastructure.schema.json"),
      ProviderDescriptor.resource(DockerProvider.class, "machine.schema.json"));

  @Override
  public ProviderDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public List<FieldError> validate(ClusterRequest request) {
    List<FieldError> errors = new ArrayList<>();
    for (NodePool pool : request.allPools()) {
      pool.machine().string("customImage")
          .filter(image -> !IMAGE_REFERENCE.matcher(image).matches())
          .ifPresent(image -> errors.add(new FieldError(pool.path() + ".machine.customImage",
              "'" + image + "' is not an image reference like kindest/node:v1.33.4 "
                  + "(repository path in lower case, optional registry, :tag and @sha256:digest)")));
    }
    return errors;
  }

  @Override
  public Manifest infrastructureCluster(ClusterRequest request) {
    return Manifest.of(API_VERSION, "DevCluster", Map.of("backend", Map.of("docker", Map.of())));
  }

  @Override
  public Manifest machineTemplate(ClusterRequest request, NodePool pool) {
    Map<String, Object> docker = new LinkedHashMap<>();
    pool.machine().string("customImage").ifPresent(image -> docker.put("customImage", image));
    return Manifest.of(API_VERSION, "DevMachineTemplate",
        Map.of("template", Map.of("spec", Map.of("backend", Map.of("docker", docker)))));
  }

  @Override
  public CloudInit cloudInit(ClusterRequest request, NodePool pool) {
    // Nodes are reached with "docker exec", but the keys still go into the bootstrap data so that
    // every provider's nodes carry the request's keys the same way.
    // A kind node shares the host's disk: without this the kubelet evicts pods whenever the
    // developer's disk is nearly full, as CAPD's own templates note.
    return CloudInit.sshUser(NODE_USER, SUDO_ALL, request.sshAuthorizedKeys())
        .withKubeletExtraArgs(List.of(new CloudInit.Arg(
            "eviction-hard", "nodefs.available<0%,nodefs.inodesFree<0%,imagefs.available<0%")));
  }

}
