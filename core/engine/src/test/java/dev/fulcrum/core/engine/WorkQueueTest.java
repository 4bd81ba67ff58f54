package dev.fulcrum.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WorkQueueTest {
  private final WorkQueue<String> queue = new WorkQueue<>();

  @Test
  void keysComeOutWhenDueInOrder() throws Exception {
    queue.add("later", Duration.ofMillis(200));
    queue.add("now", Duration.ZERO);

    assertThat(queue.take()).isEqualTo("now");
    long start = System.nanoTime();
    assertThat(queue.take()).isEqualTo("later");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(100));
  }

  @Test
  void aKeyIsQueuedOnceAndAddingItAgainOnlyBringsItForward() throws Exception {
    queue.add("a", Duration.ofHours(1));
    queue.add("a", Duration.ZERO);
    queue.add("a", Duration.ofHours(1));

    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.take()).isEqualTo("a");
    assertThat(queue.size()).isZero();
  }

  @Test
  void aKeyBeingProcessedIsNotHandedOutAgainUntilDoneThenItIsRequeued() throws Exception {
    queue.add("a", Duration.ZERO);
    assertThat(queue.take()).isEqualTo("a");

    queue.add("a", Duration.ZERO);
    CompletableFuture<String> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return queue.take();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(200);
    assertThat(second).isNotDone();

    queue.done("a");
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("a");
  }

  @Test
  void closingReleasesWaitingWorkers() throws Exception {
    CompletableFuture<String> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return queue.take();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(100);

    queue.close();

    assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
  }
}
