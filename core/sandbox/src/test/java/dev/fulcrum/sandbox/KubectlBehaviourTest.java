package dev.fulcrum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fulcrum.sandbox.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The core behaviour through kubectl, run as a subprocess with a generated kubeconfig whose server URL
 * carries the cluster prefix. Skipped, with a message, when kubectl is not installed.
 */
class KubectlBehaviourTest {

  private static final Path KUBECTL = findKubectl();

  private static SandboxServer server;
  private static Path kubeconfig;
  @TempDir
  static Path workDir;

  /** The output and exit code of one kubectl run. */
  record Result(int exitCode, String out, String err) {
    Result ok() {
      assertThat(exitCode).as("kubectl failed: " + err + out).isZero();
      return this;
    }
  }

  @BeforeAll
  static void start() throws IOException {
    if (KUBECTL == null) {
      System.err.println("SKIPPED: kubectl not found on PATH; the kubectl behaviour suite does not run.");
    }
    assumeTrue(KUBECTL != null, "kubectl is not installed");
    server = SandboxServer.start(SandboxOptions.defaults());
    server.createCluster("kubectl");
    kubeconfig = workDir.resolve("kubeconfig");
    Files.writeString(kubeconfig, server.kubeconfig("kubectl"));
    kubectl("apply", "-f", SandboxFixture.repositoryRoot().resolve("config/crds").toString()).ok();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void versionAndApiResources() {
    assertThat(kubectl("version", "-o", "json").ok().out()).contains("\"gitVersion\": \"v1.33");
    String resources = kubectl("api-resources").ok().out();
    assertThat(resources).contains("configmaps").contains("workloadclusters").contains("wc");
  }

  @Test
  void typedCreateCommandsSendProtobufAndWork() {
    kubectl("create", "namespace", "typed").ok();
    kubectl("create", "secret", "generic", "creds", "-n", "typed", "--from-literal=password=s3cret").ok();
    kubectl("create", "configmap", "settings", "-n", "typed", "--from-literal=k=v").ok();

    JsonNode secret = json(kubectl("get", "secret", "creds", "-n", "typed", "-o", "json").ok());
    assertThat(secret.path("data").path("password").asString()).isEqualTo("czNjcmV0");
    assertThat(kubectl("get", "ns", "typed", "-o", "jsonpath={.status.phase}").ok().out()).isEqualTo("Active");
  }

  @Test
  void applyGetWithSelectorsAndYamlAndDelete() throws IOException {
    Path manifest = write("apply.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: applied
          labels: {env: prod}
        data: {k: v1}
        ---
        apiVersion: fulcrum.dev/v1alpha1
        kind: WorkloadCluster
        metadata:
          name: edge-1
          labels: {env: prod}
        spec: %s
        """.formatted(SandboxFixture.WORKLOAD_CLUSTER_SPEC_YAML));
    assertThat(kubectl("apply", "-f", manifest.toString()).ok().out())
        .contains("configmap/applied created").contains("workloadcluster.fulcrum.dev/edge-1 created");
    assertThat(kubectl("apply", "-f", manifest.toString()).ok().out()).contains("configmap/applied unchanged");
    Files.writeString(manifest, Files.readString(manifest).replace("k: v1", "k: v2"));
    assertThat(kubectl("apply", "-f", manifest.toString()).ok().out()).contains("configmap/applied configured");

    assertThat(kubectl("get", "cm", "-l", "env=prod", "-o", "name").ok().out().trim())
        .isEqualTo("configmap/applied");
    assertThat(kubectl("get", "wc", "edge-1").ok().out()).contains("PROVIDER").contains("docker");
    assertThat(kubectl("get", "wc", "-l", "env in (prod,staging)", "-o", "name").ok().out().trim())
        .isEqualTo("workloadcluster.fulcrum.dev/edge-1");
    JsonNode yaml = Json.parseYaml(kubectl("get", "cm", "applied", "-o", "yaml").ok().out()
        .getBytes(StandardCharsets.UTF_8));
    assertThat(yaml.path("data").path("k").asString()).isEqualTo("v2");

    assertThat(kubectl("delete", "-f", manifest.toString()).ok().out()).contains("configmap \"applied\" deleted");
    assertThat(kubectl("get", "cm", "applied").exitCode()).isNotZero();
  }

  @Test
  void serverSideApplyConflictsAndForce() throws IOException {
    Path manifest = write("ssa.yaml", """
        apiVersion: fulcrum.dev/v1alpha1
        kind: WorkloadCluster
        metadata: {name: ssa}
        spec: {provider: docker, kubernetesVersion: v1.33.4, controlPlane: {replicas: 1}}
        """);
    assertThat(kubectl("apply", "--server-side", "-f", manifest.toString()).ok().out()).contains("serverside-applied");
    Files.writeString(manifest, Files.readString(manifest).replace("v1.33.4", "v1.34.0"));

    Result conflict = kubectl("apply", "--server-side", "--field-manager=other", "-f", manifest.toString());
    assertThat(conflict.exitCode()).isNotZero();
    assertThat(conflict.err()).contains("conflict").contains(".spec.kubernetesVersion");

    kubectl("apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", manifest.toString()).ok();
    assertThat(kubectl("get", "wc", "ssa", "-o", "jsonpath={.spec.kubernetesVersion}").ok().out())
        .isEqualTo("v1.34.0");
  }

  @Test
  void strictValidationErrorsReachKubectl() throws IOException {
    kubectl("apply", "-f", SandboxFixture.capiCrdDirectory().resolve("cluster.x-k8s.io_clusters.yaml").toString())
        .ok();
    Path manifest = write("invalid.yaml", """
        apiVersion: cluster.x-k8s.io/v1beta2
        kind: Cluster
        metadata: {name: bad}
        spec: {paused: "yes", notAField: 1}
        """);

    Result result = kubectl("apply", "-f", manifest.toString());

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("spec.paused").contains("spec.notAField");
  }

  @Test
  void getWatchSeesChanges() throws Exception {
    kubectl("create", "configmap", "watched", "--from-literal=a=b").ok();
    Process watch = start("get", "cm", "watched", "-n", "default", "-w", "--request-timeout=30s");
    try {
      StringBuilder out = new StringBuilder();
      assertThat(readUntil(watch, out, 1)).as("initial listing: " + out).isTrue();
      kubectl("label", "configmap", "watched", "seen=yes").ok();
      assertThat(readUntil(watch, out, 2)).as("the change is streamed: " + out).isTrue();
    } finally {
      watch.destroy();
    }
  }

  /** Reads the process output until "watched" appeared {@code times} times, or 15 seconds passed. */
  private static boolean readUntil(Process process, StringBuilder out, int times) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    byte[] chunk = new byte[4096];
    while (System.nanoTime() < deadline) {
      if (out.toString().split("watched", -1).length - 1 >= times) {
        return true;
      }
      int available = process.getInputStream().available();
      if (available > 0) {
        int read = process.getInputStream().read(chunk, 0, Math.min(available, chunk.length));
        out.append(new String(chunk, 0, read, StandardCharsets.UTF_8));
      } else {
        Thread.sleep(50);
      }
    }
    return false;
  }

  @Test
  void waitForDeleteAndForCondition() throws Exception {
    Path manifest = write("wait.yaml", """
        apiVersion: fulcrum.dev/v1alpha1
        kind: WorkloadCluster
        metadata: {name: waited}
        spec: %s
        """.formatted(SandboxFixture.WORKLOAD_CLUSTER_SPEC_YAML));
    kubectl("apply", "-f", manifest.toString()).ok();
    Process waitForCondition = start("wait", "--for=condition=Ready", "wc/waited", "--timeout=20s");
    Thread.sleep(1000);
    String status = "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
        + "\"lastTransitionTime\":\"2025-01-01T00:00:00Z\",\"reason\":\"Done\",\"message\":\"\"}]}}";
    kubectl("patch", "wc", "waited", "--subresource=status", "--type=merge", "-p", status).ok();
    assertThat(waitForCondition.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(waitForCondition.exitValue()).isZero();

    Process waitForDelete = start("wait", "--for=delete", "wc/waited", "--timeout=20s");
    Thread.sleep(1000);
    kubectl("delete", "wc", "waited").ok();
    assertThat(waitForDelete.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(waitForDelete.exitValue()).isZero();
  }

  private static JsonNode json(Result result) {
    return Json.parse(result.out().getBytes(StandardCharsets.UTF_8));
  }

  private static Path write(String name, String content) throws IOException {
    Path file = workDir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  static Result kubectl(String... args) {
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(workDir, "out", ".txt");
      Path err = Files.createTempFile(workDir, "err", ".txt");
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path findKubectl() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
