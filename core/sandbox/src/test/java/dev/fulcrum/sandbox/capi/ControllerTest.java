package dev.fulcrum.sandbox.capi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The work queue's guarantees, which the level-based controllers rely on. */
class ControllerTest {

  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopTimers() {
    timers.shutdownNow();
  }

  @Test
  void aKeyQueuedWhileBeingReconciledIsReconciledAgainButNeverConcurrently() throws Exception {
    ObjectKey key = new ObjectKey("ns", "a");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    try (Controller controller = new Controller("test", k -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      if (runs.incrementAndGet() == 1) {
        inside.countDown();
        awaitLatch(release);
      }
      running.decrementAndGet();
      return Reconciler.Result.done();
    }, timers, 4)) {
      controller.start();
      controller.enqueue(key);
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      controller.enqueue(key);
      controller.enqueue(key);
      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 2);
      Thread.sleep(200);
      assertThat(runs.get()).as("queued twice while running: one more run").isEqualTo(2);
      assertThat(maxRunning.get()).isEqualTo(1);
    }
  }

  @Test
  void conflictsAndFailuresAreRetriedUntilTheReconcileSucceeds() {
    List<String> attempts = new CopyOnWriteArrayList<>();
    try (Controller controller = new Controller("test", key -> {
      attempts.add(key.name());
      long count = attempts.stream().filter(key.name()::equals).count();
      if (count < 3) {
        throw key.name().equals("conflict") ? new KubernetesClientException("conflict", 409, null)
            : new IllegalStateException("broken");
      }
      return Reconciler.Result.done();
    }, timers, 2)) {
      controller.start();
      controller.enqueue(new ObjectKey("ns", "conflict"));
      controller.enqueue(new ObjectKey("ns", "broken"));
      await().atMost(Duration.ofSeconds(10)).until(() -> attempts.stream().filter("conflict"::equals).count() == 3
          && attempts.stream().filter("broken"::equals).count() == 3);
    }
  }

  @Test
  void requeueAfterReconcilesAgainLater() {
    AtomicInteger runs = new AtomicInteger();
    try (Controller controller = new Controller("test", key -> runs.incrementAndGet() == 1
        ? Reconciler.Result.after(Duration.ofMillis(100)) : Reconciler.Result.done(), timers, 1)) {
      controller.start();
      controller.enqueue(new ObjectKey("ns", "timer"));
      await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 2);
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
