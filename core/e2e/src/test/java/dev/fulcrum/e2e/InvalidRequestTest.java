package dev.fulcrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An invalid request through {@code fulcrum render}: every problem on stderr, nothing on stdout. */
class InvalidRequestTest {
  @TempDir Path dir;

  @Test
  void reportsEveryProblemWithItsPathAndPrintsNothing() throws IOException {
    Path request =
        Files.writeString(
            dir.resolve("broken.yaml"),
            """
            apiVersion: fulcrum.dev/v1alpha1
            kind: WorkloadCluster
            metadata:
              name: broken
              namespace: team-a
            spec:
              provider: nosuchcloud
              kubernetesVersion: "1.33"
              controlPlane:
                replicas: 2
              workerPools:
                - name: general
                  replicas: -1
            """);

    Fulcrum.Run run = Fulcrum.run("render", "-f", request.toString(), "--plugins-dir", Fulcrum.PLUGINS.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .anyMatch(line -> line.startsWith("spec.provider: "))
        .anyMatch(line -> line.startsWith("spec.kubernetesVersion: "))
        .anyMatch(line -> line.startsWith("spec.controlPlane.replicas: "))
        .anyMatch(line -> line.startsWith("spec.workerPools[0].replicas: "));
  }
}
