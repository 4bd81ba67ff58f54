package dev.fulcrum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Found while building the CAPI simulator (which closes node watches when a cluster goes away): a WebSocket watch that
 * the client closes while the sandbox still has events queued for it makes the sandbox's drain ask the closed
 * socket whether its write queue is full, which throws; vert.x logs the exception as unhandled.
 */
class WebSocketWatchCloseTest {

  @Test
  void closingAWebSocketWatchWithQueuedEventsRaisesNoUnhandledException() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> errors = new ListAppender<>();
    errors.start();
    root.addAppender(errors);
    try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults());
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      for (int round = 0; round < 20; round++) {
        String prefix = "round-" + round + "-";
        Watch watch = client.configMaps().inNamespace("default").watch(new Watcher<ConfigMap>() {
          @Override
          public void eventReceived(Action action, ConfigMap resource) {}

          @Override
          public void onClose(WatcherException cause) {}
        });
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
          for (int i = 0; i < 30; i++) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                .withName(prefix + i).endMetadata().addToData("value", "x".repeat(2000)).build()).create();
          }
        });
        Thread.sleep(5);
        watch.close();
        writes.get();
      }
      Thread.sleep(500);
    } finally {
      root.detachAppender(errors);
    }
    assertThat(errors.list).filteredOn(event -> event.getThrowableProxy() != null
        && "WebSocket is closed".equals(event.getThrowableProxy().getMessage())).isEmpty();
  }
}
