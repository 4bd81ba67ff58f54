package dev.fulcrum.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a sandbox standalone, for kubectl and experiments:
 * {@code java dev.fulcrum.sandbox.SandboxMain --port 7443 --data-dir DIR [--host H] [--kubeconfig FILE]}.
 * Writes the management cluster's kubeconfig to {@code FILE} when asked, and runs until interrupted.
 */
public final class SandboxMain {

  private SandboxMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    SandboxOptions options = SandboxOptions.defaults();
    Path kubeconfig = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> options = options.withPort(Integer.parseInt(required(args[i], value)));
        case "--data-dir" -> options = options.withDataDir(Path.of(required(args[i], value)));
        case "--host" -> options = new SandboxOptions(required(args[i], value), options.port(), options.dataDir(),
            options.limits());
        case "--kubeconfig" -> kubeconfig = Path.of(required(args[i], value));
        default -> {
          System.err.println("usage: SandboxMain [--port N] [--data-dir DIR] [--host HOST] [--kubeconfig FILE]");
          System.exit(2);
        }
      }
      i++;
    }
    SandboxServer server = SandboxServer.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    if (kubeconfig != null) {
      Files.writeString(kubeconfig, server.kubeconfig(SandboxServer.MANAGEMENT));
    }
    System.out.println("Sandbox API listening on " + server.url());
    System.out.println("Management cluster: " + server.clusterUrl(SandboxServer.MANAGEMENT));
    stopped.await();
  }

  private static String required(String option, String value) {
    if (value == null) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return value;
  }
}
