package dev.fulcrum.sandbox;

import java.nio.file.Path;

/**
 * How to start a sandbox.
 *
 * @param host the address to listen on
 * @param port the port, 0 for a free one
 * @param dataDir where state persists across restarts, or null to keep it in memory only
 */
public record SandboxOptions(String host, int port, Path dataDir, SandboxLimits limits) {

  /** Loopback, a free port, memory only, default limits. */
  public static SandboxOptions defaults() {
    return new SandboxOptions("127.0.0.1", 0, null, SandboxLimits.defaults());
  }

  public SandboxOptions withPort(int port) {
    return new SandboxOptions(host, port, dataDir, limits);
  }

  public SandboxOptions withDataDir(Path dataDir) {
    return new SandboxOptions(host, port, dataDir, limits);
  }

  public SandboxOptions withLimits(SandboxLimits limits) {
    return new SandboxOptions(host, port, dataDir, limits);
  }
}
