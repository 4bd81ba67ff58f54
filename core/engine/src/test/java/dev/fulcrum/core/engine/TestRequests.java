package dev.fulcrum.core.engine;

import java.nio.charset.StandardCharsets;

/** Cluster requests for the test provider ({@code dev.fulcrum.core.render.TestProvider}). */
public final class TestRequests {
  public static final String SSH_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHMl54/bqRvytYn/ABV0rGlJG66kbMS6WWDMV6XjLj3J ops@example.com";

  private TestRequests() {}

  /** A valid request for cluster {@code name} in project {@code team-a}, with 3 control-plane nodes. */
  public static String yaml(String name) {
    return """
        apiVersion: fulcrum.dev/v1alpha1
        kind: WorkloadCluster
        metadata:
          name: %s
          namespace: team-a
        spec:
          provider: test
          kubernetesVersion: v1.33.4
          controlPlane:
            replicas: 3
            machine: {cpus: 2}
          workerPools:
            - name: general
              replicas: 2
              machine: {cpus: 4}
          sshAuthorizedKeys:
            - %s
          infrastructure: {region: north}
        """
        .formatted(name, SSH_KEY);
  }

  public static byte[] bytes(String yaml) {
    return yaml.getBytes(StandardCharsets.UTF_8);
  }
}
