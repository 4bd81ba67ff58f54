package dev.fulcrum.sandbox.bench;

import dev.fulcrum.sandbox.SandboxLimits;
import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the sandbox's creates/s, gets/s, list latency and watch delivery latency with 1,000 and 100,000
 * stored objects spread over 1 and 1,000 clusters (medians of several runs), and the same figures for
 * fabric8's kubernetes-server-mock in the same run, where the mock can hold that many objects in reasonable
 * time. Not a test: run it with {@code mvn -o -q -pl core/sandbox -Pbenchmark verify}.
 *
 * <p>Both servers are driven by the same plain JDK HTTP/1.1 client (4 concurrent requesters) and JDK
 * WebSocket watches, so the figures compare servers, not client libraries. Objects are ConfigMaps in
 * namespaces of 100, so a namespace list has the same size however many objects are stored.
 *
 * <p>Arguments: {@code --runs N} (default 3), {@code --objects 1000,100000}, {@code --clusters 1,1000},
 * {@code --mock-max-objects 1000}.
 */
public final class SandboxBenchmark {

  private static final int THREADS = 4;
  private static final int CREATES_PER_RUN = 2_000;
  private static final int GETS_PER_RUN = 4_000;
  private static final int LISTS_PER_RUN = 50;
  private static final int WATCH_EVENTS_PER_RUN = 200;
  private static final int PER_NAMESPACE = 100;
  private static final int WARM_UP_OBJECTS = 1_500;
  private static final Pattern EVENT_NAME = Pattern.compile("\"name\":\"(w-[0-9]+-[0-9]+)\"");

  /** A server under test: where each cluster's API lives. */
  private interface Target extends AutoCloseable {
    String name();

    String clusterUrl(int cluster);

    /** Prepares a cluster and its namespaces (the mock needs neither). */
    void prepareCluster(int cluster, List<String> namespaces) throws Exception;

    @Override
    void close();
  }

  private record Scenario(int objects, int clusters) {
    String label() {
      return String.format(Locale.ROOT, "%,d objects in %,d cluster%s", objects, clusters, clusters == 1 ? "" : "s");
    }
  }

  private record Figures(double createsPerSecond, double getsPerSecond, double listMillis, int listSize,
      double watchMillis) {}

  /** A fresh client per server: a new server may get a closed one's port, and pooled connections would be stale. */
  private HttpClient http;
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  private final int runs;

  private SandboxBenchmark(int runs) {
    this.runs = runs;
  }

  public static void main(String[] args) throws Exception {
    Logger.getLogger("").setLevel(Level.WARNING);
    Map<String, String> options = options(args);
    int runs = Integer.parseInt(options.getOrDefault("--runs", "3"));
    int[] objectCounts = ints(options.getOrDefault("--objects", "1000,100000"));
    int[] clusterCounts = ints(options.getOrDefault("--clusters", "1,1000"));
    int mockMax = Integer.parseInt(options.getOrDefault("--mock-max-objects", "1000"));
    SandboxBenchmark benchmark = new SandboxBenchmark(runs);
    try {
      benchmark.run(objectCounts, clusterCounts, mockMax);
    } finally {
      benchmark.pool.shutdownNow();
    }
  }

  private void run(int[] objectCounts, int[] clusterCounts, int mockMax) throws Exception {
    System.out.printf(Locale.ROOT, "Sandbox benchmark: %d runs per figure (median), %d client threads, "
        + "JDK HTTP/1.1 client, %d cores%n%n", runs, THREADS, Runtime.getRuntime().availableProcessors());
    List<String> rows = new ArrayList<>();
    for (int objects : objectCounts) {
      for (int clusters : clusterCounts) {
        Scenario scenario = new Scenario(objects, clusters);
        Figures sandbox;
        try (Target target = sandbox()) {
          sandbox = measure(target, scenario);
        }
        rows.add(row("sandbox", scenario, sandbox, null));
        if (clusters == 1 && objects <= mockMax) {
          try (Target target = mock()) {
            Figures mock = measure(target, scenario);
            rows.add(row("fabric8 mock 8.0.0", scenario, mock, sandbox));
          }
        } else {
          rows.add(String.format(Locale.ROOT, "%-20s %-30s %s", "fabric8 mock 8.0.0", scenario.label(),
              clusters > 1 ? "not run: one mock serves one cluster"
                  : "not run: capped at " + mockMax + " objects (every request scans the whole store)"));
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-20s %-30s %12s %12s %16s %14s %s%n", "server", "stored", "creates/s",
        "gets/s", "list ms (items)", "watch ms", "sandbox/mock");
    rows.forEach(System.out::println);
  }

  private static String row(String server, Scenario scenario, Figures figures, Figures sandbox) {
    String ratio = sandbox == null ? "" : String.format(Locale.ROOT, "creates x%.1f, gets x%.1f, list x%.1f, "
        + "watch x%.1f", sandbox.createsPerSecond() / figures.createsPerSecond(),
        sandbox.getsPerSecond() / figures.getsPerSecond(), figures.listMillis() / sandbox.listMillis(),
        figures.watchMillis() / sandbox.watchMillis());
    return String.format(Locale.ROOT, "%-20s %-30s %12.0f %12.0f %10.2f (%3d) %14.2f %s", server, scenario.label(),
        figures.createsPerSecond(), figures.getsPerSecond(), figures.listMillis(), figures.listSize(),
        figures.watchMillis(), ratio);
  }

  // ---------------------------------------------------------------- one scenario

  private Figures measure(Target target, Scenario scenario) throws Exception {
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    int perCluster = scenario.objects() / scenario.clusters();
    int namespaces = Math.max(1, (perCluster + PER_NAMESPACE - 1) / PER_NAMESPACE);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < namespaces; i++) {
      names.add(namespace(i));
    }
    names.add("watch");
    parallel(scenario.clusters(), cluster -> unchecked(() -> target.prepareCluster(cluster, names)));
    warmUp(target);
    long start = System.nanoTime();
    parallel(scenario.objects(), i -> {
      int cluster = i % scenario.clusters();
      int local = i / scenario.clusters();
      create(target.clusterUrl(cluster), namespace(local / PER_NAMESPACE), "cm-" + local);
    });
    System.out.printf(Locale.ROOT, "%s: loaded %s in %.1f s%n", target.name(), scenario.label(),
        (System.nanoTime() - start) / 1e9);

    List<Double> creates = new ArrayList<>();
    List<Double> gets = new ArrayList<>();
    List<Double> lists = new ArrayList<>();
    List<Double> watches = new ArrayList<>();
    int listSize = 0;
    for (int run = 0; run < runs; run++) {
      creates.add(createRate(target, scenario, run));
      gets.add(getRate(target, scenario, perCluster));
      double[] list = listLatency(target);
      lists.add(list[0]);
      listSize = (int) list[1];
      watches.add(watchLatency(target, run));
    }
    return new Figures(median(creates), median(gets), median(lists), listSize, median(watches));
  }

  /** Exercises the code paths once before anything is timed (JIT), leaving nothing stored behind. */
  private void warmUp(Target target) throws Exception {
    for (int round = 0; round < 2; round++) {
      int index = round;
      parallel(WARM_UP_OBJECTS, i -> create(target.clusterUrl(0), "watch", "warm-" + index + "-" + i));
      parallel(WARM_UP_OBJECTS, i -> send("GET", target.clusterUrl(0) + "/api/v1/namespaces/watch/configmaps/warm-"
          + index + "-" + i, null, 200));
      parallel(WARM_UP_OBJECTS / 10, i -> send("GET", target.clusterUrl(0) + "/api/v1/namespaces/watch/configmaps"
          + "?limit=100", null, 200));
      parallel(WARM_UP_OBJECTS, i -> send("DELETE", target.clusterUrl(0) + "/api/v1/namespaces/watch/configmaps/warm-"
          + index + "-" + i, null, 200));
    }
  }

  /** Creates new objects across the clusters, then deletes them again so the stored count stays put. */
  private double createRate(Target target, Scenario scenario, int run) throws Exception {
    long start = System.nanoTime();
    parallel(CREATES_PER_RUN, i -> create(target.clusterUrl(i % scenario.clusters()), namespace(0),
        "new-" + run + "-" + i));
    double rate = CREATES_PER_RUN / ((System.nanoTime() - start) / 1e9);
    parallel(CREATES_PER_RUN, i -> send("DELETE", target.clusterUrl(i % scenario.clusters())
        + "/api/v1/namespaces/" + namespace(0) + "/configmaps/new-" + run + "-" + i, null, 200));
    return rate;
  }

  private double getRate(Target target, Scenario scenario, int perCluster) throws Exception {
    long start = System.nanoTime();
    parallel(GETS_PER_RUN, i -> {
      int cluster = ThreadLocalRandom.current().nextInt(scenario.clusters());
      int local = ThreadLocalRandom.current().nextInt(perCluster);
      send("GET", target.clusterUrl(cluster) + "/api/v1/namespaces/" + namespace(local / PER_NAMESPACE)
          + "/configmaps/cm-" + local, null, 200);
    });
    return GETS_PER_RUN / ((System.nanoTime() - start) / 1e9);
  }

  /** Median milliseconds to list one namespace of cluster 0, and how many items that list has. */
  private double[] listLatency(Target target) {
    List<Double> millis = new ArrayList<>();
    int items = 0;
    for (int i = 0; i < LISTS_PER_RUN; i++) {
      long start = System.nanoTime();
      String body = send("GET", target.clusterUrl(0) + "/api/v1/namespaces/" + namespace(0) + "/configmaps", null,
          200);
      millis.add((System.nanoTime() - start) / 1e6);
      items = count(body, "\"kind\":\"ConfigMap\"");
    }
    return new double[] {median(millis), items};
  }

  /** Median milliseconds from the start of a create to the watcher receiving its ADDED event. */
  private double watchLatency(Target target, int run) throws Exception {
    Map<String, Long> received = new ConcurrentHashMap<>();
    String url = target.clusterUrl(0).replaceFirst("^http", "ws") + "/api/v1/namespaces/watch/configmaps?watch=true";
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          Matcher name = EVENT_NAME.matcher(partial);
          if (name.find()) {
            received.putIfAbsent(name.group(1), System.nanoTime());
          }
          partial.setLength(0);
        }
        webSocket.request(1);
        return null;
      }
    }).get(10, TimeUnit.SECONDS);
    try {
      Thread.sleep(200);
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < WATCH_EVENTS_PER_RUN; i++) {
        String name = "w-" + run + "-" + i;
        long start = System.nanoTime();
        create(target.clusterUrl(0), "watch", name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!received.containsKey(name) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        Long at = received.get(name);
        if (at == null) {
          throw new IllegalStateException(target.name() + ": no watch event for " + name);
        }
        millis.add((at - start) / 1e6);
      }
      return median(millis);
    } finally {
      socket.abort();
    }
  }

  // ---------------------------------------------------------------- targets

  private Target sandbox() {
    SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withLimits(SandboxLimits.defaults()));
    return new Target() {
      @Override
      public String name() {
        return "sandbox";
      }

      @Override
      public String clusterUrl(int cluster) {
        return server.clusterUrl(cluster == 0 ? SandboxServer.MANAGEMENT : String.format("bench-%04d", cluster));
      }

      @Override
      public void prepareCluster(int cluster, List<String> namespaces) {
        if (cluster != 0) {
          server.createCluster(String.format("bench-%04d", cluster));
        }
        for (String namespace : namespaces) {
          send("POST", clusterUrl(cluster) + "/api/v1/namespaces",
              "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + namespace + "\"}}", 201);
        }
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  private Target mock() throws IOException {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    String url = server.url("/").replaceAll("/$", "");
    return new Target() {
      @Override
      public String name() {
        return "fabric8 mock";
      }

      @Override
      public String clusterUrl(int cluster) {
        return url;
      }

      @Override
      public void prepareCluster(int cluster, List<String> namespaces) {}

      @Override
      public void close() {
        server.destroy();
      }
    };
  }

  // ---------------------------------------------------------------- plumbing

  private void create(String clusterUrl, String namespace, String name) {
    send("POST", clusterUrl + "/api/v1/namespaces/" + namespace + "/configmaps",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
            + namespace + "\",\"labels\":{\"app\":\"bench\"}},\"data\":{\"key\":\"value\"}}", 201);
  }

  private String send(String method, String url, String body, int expected) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected && !(expected == 201 && response.statusCode() == 200)) {
        throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code task(0..count-1)} on the client threads and waits for all of them. */
  private void parallel(int count, IntConsumer task) throws Exception {
    List<Future<?>> futures = new ArrayList<>();
    int chunk = (count + THREADS - 1) / THREADS;
    for (int t = 0; t < THREADS; t++) {
      int from = t * chunk;
      int to = Math.min(count, from + chunk);
      futures.add(pool.submit(() -> {
        for (int i = from; i < to; i++) {
          task.accept(i);
        }
      }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void unchecked(Step step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String namespace(int index) {
    return String.format("bench-%04d", index);
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }
}
