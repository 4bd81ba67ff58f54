package dev.fulcrum.cli;

import dev.fulcrum.core.server.AdminToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ServerRuntime} for a command: starts it, announces it (its URL goes to
 * {@code <data-dir>/server-url}, where client commands look), lets the command use it, then keeps it
 * serving until Ctrl-C / SIGTERM (or an interrupt) and stops it cleanly, the sandbox flushing its
 * state before the JVM exits.
 */
final class ServerLifetime {
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /** What a command does with the running server. */
  interface WhileRunning {
    /**
     * @return an exit code to stop the server and end with, or empty to keep serving until stopped
     */
    OptionalInt run(ServerRuntime runtime) throws Exception;
  }

  private ServerLifetime() {}

  static int serve(ServerRuntime.Options options, PrintWriter out, WhileRunning command) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stopped.countDown();
              awaitQuietly(closed);
            },
            "fulcrum-shutdown");
    Path urlFile = options.dataDir().resolve(ServerCommand.URL_FILE);
    boolean interrupted = false;
    try (ServerRuntime runtime = ServerRuntime.start(options)) {
      Files.writeString(urlFile, runtime.url() + "\n");
      Runtime.getRuntime().addShutdownHook(hook);
      out.println("Fulcrum server listening on " + runtime.url() + "/api/v1");
      out.println("Admin token: " + options.dataDir().resolve(AdminToken.FILE_NAME));
      runtime.sandboxKubeconfig().ifPresent(file -> out.println("Sandbox management cluster kubeconfig: " + file));
      out.flush();
      OptionalInt exit = command.run(runtime);
      if (exit.isEmpty()) {
        interrupted = !awaitStop(stopped);
      }
      removeHook(hook);
      return exit.orElse(0);
    } finally {
      deleteQuietly(urlFile);
      closed.countDown();
      if (interrupted) {
        // Restored only now: stopping the runtime with the flag set would abort its file I/O.
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for Ctrl-C / SIGTERM; false if interrupted instead (the interrupt flag is left clear). */
  private static boolean awaitStop(CountDownLatch stopped) {
    try {
      stopped.await();
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is stopping: the hook is running
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale URL file only makes clients try a server that is gone; they say so
    }
  }
}
