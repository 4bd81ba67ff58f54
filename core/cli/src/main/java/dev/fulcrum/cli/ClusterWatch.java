package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.engine.ClusterProgress;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches one cluster until all its steps are done, a step fails, or it is deleted, printing each
 * change as it happens ({@link ProgressPrinter}). A dropped stream is reopened.
 */
final class ClusterWatch {
  private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

  private final ApiClient client;
  private final PrintWriter out;

  ClusterWatch(ApiClient client, PrintWriter out) {
    this.client = client;
    this.out = out;
  }

  /**
   * @return 0 when every step is done; 1 when a step failed, the cluster was deleted, or the timeout
   *     passed
   */
  int watch(ClusterRef ref, Duration timeout) {
    ProgressPrinter printer = new ProgressPrinter(out, Clock.systemDefaultZone());
    AtomicReference<ClusterProgress> last = new AtomicReference<>();
    Instant deadline = Instant.now().plus(timeout);
    CompletableFuture<ApiClient.WatchEnd> watching =
        CompletableFuture.supplyAsync(
            () -> {
              while (true) {
                ApiClient.WatchEnd end =
                    client.watch(
                        ref,
                        progress -> {
                          last.set(progress);
                          printer.print(progress);
                          return progress.isComplete() || progress.isFailed();
                        });
                if (end != ApiClient.WatchEnd.STREAM_ENDED || Instant.now().isAfter(deadline)) {
                  return end;
                }
                sleep(RECONNECT_DELAY);
              }
            });
    ApiClient.WatchEnd end;
    try {
      end = watching.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      watching.cancel(true);
      out.println("Gave up after " + timeout + ": the cluster is still at step " + (last.get() == null ? "?" : last.get().step()) + ".");
      out.flush();
      return 1;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watching.cancel(true);
      return 1;
    }
    if (end == ApiClient.WatchEnd.DELETED) {
      out.println("Cluster " + ref.name() + " in project " + ref.project() + " was deleted.");
      out.flush();
      return 1;
    }
    if (end == ApiClient.WatchEnd.STREAM_ENDED) {
      out.println("The server stopped streaming and did not come back before the timeout.");
      out.flush();
      return 1;
    }
    out.println(ProgressPrinter.summary(last.get()));
    out.flush();
    return last.get().isComplete() ? 0 : 1;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
