package dev.fulcrum.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code fulcrum server} run in-process, as {@code bin/fulcrum server} would run it: on the sandbox,
 * with the real plugin jars, free ports and its own data directory. Client commands given
 * {@link #cli} find it through that directory (its URL and admin token), as they would on a machine.
 */
final class RunningServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path dataDir;
  private final Thread thread;
  private final String url;

  private RunningServer(Path dataDir, Thread thread, String url) {
    this.dataDir = dataDir;
    this.thread = thread;
    this.url = url;
  }

  /**
   * Starts a server on free ports unless {@code extraArgs} name them.
   *
   * @param extraArgs more options of {@code fulcrum server}
   */
  static RunningServer start(Path dataDir, String... extraArgs) {
    List<String> args =
        new ArrayList<>(List.of("server", "--data-dir", dataDir.toString(), "--plugins-dir", Fulcrum.PLUGINS.toString()));
    List<String> extra = List.of(extraArgs);
    if (!extra.contains("--port")) {
      args.addAll(List.of("--port", "0"));
    }
    if (!extra.contains("--sandbox-port")) {
      args.addAll(List.of("--sandbox-port", "0"));
    }
    if (!extra.contains("--profiles-dir")) {
      args.addAll(List.of("--profiles-dir", Fulcrum.PROFILES.toString()));
    }
    args.addAll(extra);
    AtomicReference<String> ended = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                Fulcrum.Run run = Fulcrum.run(args.toArray(String[]::new));
                ended.set("exit " + run.exitCode() + ", " + run.err());
              } catch (Throwable e) {
                ended.set(e.toString());
                throw e;
              }
            },
            "fulcrum-server-under-test");
    thread.setDaemon(true);
    thread.start();
    Path urlFile = dataDir.resolve("server-url");
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!Files.exists(urlFile)) {
      if (!thread.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "the server did not start" + (ended.get() == null ? " in time" : ": " + ended.get()));
      }
      sleep(Duration.ofMillis(100));
    }
    try {
      return new RunningServer(dataDir, thread, Files.readString(urlFile).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The REST API's base URL. */
  String url() {
    return url;
  }

  Path dataDir() {
    return dataDir;
  }

  /** The administrator's token the server wrote. */
  String token() {
    try {
      return Files.readString(dataDir.resolve("admin-token")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client command against this server, found through its data directory. */
  Fulcrum.Run cli(String... args) {
    List<String> withDataDir = new ArrayList<>(List.of(args));
    withDataDir.addAll(List.of("--data-dir", dataDir.toString()));
    return Fulcrum.run(withDataDir.toArray(String[]::new));
  }

  /** A raw API request with the admin token. */
  HttpResponse<String> http(String method, String path, String contentType, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Authorization", "Bearer " + token())
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server as Ctrl-C would, and waits until it has. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(60).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
