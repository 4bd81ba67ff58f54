package dev.fulcrum.agent;

import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** One sandbox per test class; agents, clusters and fake management planes closed after each test. */
abstract class AgentTestSupport {

  static final String TOKEN = "s3cr3t-agent-token-7f1c";
  static final Duration WAIT = Duration.ofSeconds(240);
  static final String CORE = "cluster.x-k8s.io/v1beta2";
  static final String CONTROL_PLANE = "controlplane.cluster.x-k8s.io/v1beta2";
  static final String BOOTSTRAP = "bootstrap.cluster.x-k8s.io/v1beta2";
  static final String INFRA = "infrastructure.cluster.x-k8s.io/v1beta2";

  static SandboxServer sandbox;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxServer.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    closeables.clear();
  }

  <T extends AutoCloseable> T closeLater(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  static AgentConfig config(URI server, String clusterName) {
    return new AgentConfig(server, TOKEN, TestSpecs.PROJECT + "/" + clusterName, Duration.ofSeconds(2),
        Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  FakeManagementPlane managementPlane() {
    return closeLater(new FakeManagementPlane(TOKEN));
  }

  Agent agent(FakeManagementPlane server, WorkloadCluster cluster) {
    return closeLater(Agent.start(config(server.url(), cluster.specs().clusterName()), cluster.client()));
  }
}
