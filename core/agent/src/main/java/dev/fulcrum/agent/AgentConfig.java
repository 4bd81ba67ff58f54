package dev.fulcrum.agent;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an agent reaches its management plane and how often it acts.
 *
 * @param serverUrl the management plane's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param token the bearer token valid for this cluster only; never logged, never in {@link #toString()}
 * @param cluster the cluster this agent runs in, {@code <project>/<name>}
 * @param pollWait how long one long poll for a new spec may wait at the server (at most 60 s)
 * @param reconcileInterval how often the CAPI objects are reconciled even when nothing changed
 * @param reportInterval how often status is reported even when nothing changed
 * @param addonTimings how long add-on layers may take and how failed ones are retried
 */
public record AgentConfig(URI serverUrl, String token, String cluster, Duration pollWait, Duration reconcileInterval,
    Duration reportInterval, AddonTimings addonTimings) {

  /** Environment variable holding {@link #serverUrl()}. */
  public static final String SERVER_URL_VARIABLE = "FULCRUM_SERVER_URL";
  /** Environment variable holding {@link #token()}. */
  public static final String TOKEN_VARIABLE = "FULCRUM_AGENT_TOKEN";
  /** Environment variable holding {@link #cluster()}. */
  public static final String CLUSTER_VARIABLE = "FULCRUM_CLUSTER";

  /** The longest long poll the protocol allows. */
  public static final Duration MAX_POLL_WAIT = Duration.ofSeconds(60);

  private static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(55);
  private static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(30);
  private static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(60);

  /** A configuration with {@link AddonTimings#DEFAULTS}. */
  public AgentConfig(URI serverUrl, String token, String cluster, Duration pollWait, Duration reconcileInterval,
      Duration reportInterval) {
    this(serverUrl, token, cluster, pollWait, reconcileInterval, reportInterval, AddonTimings.DEFAULTS);
  }

  public AgentConfig {
    Objects.requireNonNull(serverUrl, "serverUrl");
    Objects.requireNonNull(addonTimings, "addonTimings");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(cluster, "cluster");
    List<String> problems = new ArrayList<>();
    if (!"http".equals(serverUrl.getScheme()) && !"https".equals(serverUrl.getScheme())) {
      problems.add("serverUrl: must be an http or https URL, got " + serverUrl);
    }
    if (token.isBlank()) {
      problems.add("token: must not be empty");
    }
    if (!cluster.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      problems.add("cluster: must be <project>/<name> (DNS labels), got '" + cluster + "'");
    }
    problems.addAll(positive("pollWait", pollWait));
    problems.addAll(positive("reconcileInterval", reconcileInterval));
    problems.addAll(positive("reportInterval", reportInterval));
    if (pollWait != null && pollWait.compareTo(MAX_POLL_WAIT) > 0) {
      problems.add("pollWait: at most " + MAX_POLL_WAIT.toSeconds() + "s, got " + pollWait.toSeconds() + "s");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid agent configuration: " + String.join("; ", problems));
    }
  }

  /**
   * The configuration the agent's Deployment gives it: {@value #SERVER_URL_VARIABLE}, {@value #TOKEN_VARIABLE} and
   * {@value #CLUSTER_VARIABLE} (all required), with default intervals.
   *
   * @throws IllegalArgumentException naming every missing or invalid variable (never the token's value)
   */
  public static AgentConfig fromEnvironment(Map<String, String> env) {
    List<String> missing = new ArrayList<>();
    for (String variable : List.of(SERVER_URL_VARIABLE, TOKEN_VARIABLE, CLUSTER_VARIABLE)) {
      String value = env.get(variable);
      if (value == null || value.isBlank()) {
        missing.add(variable);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the agent needs the environment variable(s) " + String.join(", ", missing)
          + " (from the Secret fulcrum-agent)");
    }
    URI serverUrl;
    try {
      serverUrl = URI.create(env.get(SERVER_URL_VARIABLE).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(SERVER_URL_VARIABLE + ": not a URL: " + e.getMessage(), e);
    }
    return new AgentConfig(serverUrl, env.get(TOKEN_VARIABLE).strip(), env.get(CLUSTER_VARIABLE).strip(),
        DEFAULT_POLL_WAIT, DEFAULT_RECONCILE_INTERVAL, DEFAULT_REPORT_INTERVAL);
  }

  /** The configuration with other add-on timings. */
  public AgentConfig withAddonTimings(AddonTimings timings) {
    return new AgentConfig(serverUrl, token, cluster, pollWait, reconcileInterval, reportInterval, timings);
  }

  /** The project part of {@link #cluster()}. */
  public String project() {
    return cluster.substring(0, cluster.indexOf('/'));
  }

  /** The name part of {@link #cluster()}. */
  public String clusterName() {
    return cluster.substring(cluster.indexOf('/') + 1);
  }

  /** Everything but the token. */
  @Override
  public String toString() {
    return "AgentConfig[serverUrl=" + serverUrl + ", token=(redacted), cluster=" + cluster + ", pollWait=" + pollWait
        + ", reconcileInterval=" + reconcileInterval + ", reportInterval=" + reportInterval + ", addonTimings="
        + addonTimings + "]";
  }

  private static List<String> positive(String name, Duration value) {
    if (value == null) {
      return List.of(name + ": required");
    }
    return value.isNegative() || value.isZero() ? List.of(name + ": must be positive, got " + value) : List.of();
  }
}
