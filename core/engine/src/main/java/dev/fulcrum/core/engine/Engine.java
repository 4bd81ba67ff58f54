package dev.fulcrum.core.engine;

import dev.fulcrum.core.agents.AgentCredentials;
import dev.fulcrum.core.agents.AgentReports;
import dev.fulcrum.core.agents.DesiredSpecs;
import dev.fulcrum.core.cluster.ClusterKubeconfigs;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.kube.ServerSideApply;
import dev.fulcrum.core.pivot.ConfigMapMoveJournal;
import dev.fulcrum.core.pivot.MoveJournal;
import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.core.profiles.AddonPlanner;
import dev.fulcrum.core.profiles.ClusterProfiles;
import dev.fulcrum.core.profiles.HelmRenderer;
import dev.fulcrum.core.profiles.ProfileReader;
import dev.fulcrum.core.render.ClusterRenderer;
import dev.fulcrum.core.request.RequestReader;
import dev.fulcrum.core.steps.Accept;
import dev.fulcrum.core.steps.AddOns;
import dev.fulcrum.core.steps.FirstControlPlane;
import dev.fulcrum.core.steps.Pivot;
import dev.fulcrum.core.steps.PivotMarks;
import dev.fulcrum.core.steps.PivotSettings;
import dev.fulcrum.core.steps.RenderAndApply;
import dev.fulcrum.core.steps.ScaleOut;
import dev.fulcrum.core.steps.Step;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The engine, wired: the steps of the order of operations, run by a {@link ClusterReconciler}
 * against one management cluster, which is reached only through the given client. The same engine
 * runs against the embedded sandbox and against a real management cluster with Cluster API.
 *
 * <p>Steps, in order: {@link Accept}, {@link RenderAndApply}, {@link FirstControlPlane}, {@link Pivot},
 * {@link ScaleOut}, {@link AddOns}.
 */
public final class Engine implements AutoCloseable {
  private final WorkloadClusters clusters;
  private final Accept accept;
  private final ClusterEvents events;
  private final ClusterKubeconfigs kubeconfigs;
  private final ClusterReconciler reconciler;
  private final DesiredSpecs desiredSpecs;
  private final AgentReports agentReports;
  private final AgentCredentials agentCredentials;
  private final ProfileReader profileReader;
  private final ClusterProfiles profiles;

  private Engine(
      KubernetesClient client, ProviderRegistry providers, EngineOptions options, PivotSettings pivot, Clock clock) {
    ServerSideApply applier = new ServerSideApply(client);
    RequestReader reader = new RequestReader(providers);
    ClusterRenderer renderer = new ClusterRenderer(providers);
    HelmRenderer helm = new HelmRenderer();
    this.profileReader = new ProfileReader(helm);
    this.profiles = new ClusterProfiles(client, profileReader);
    AddonPlanner addons = new AddonPlanner(profiles::get, helm);
    this.clusters = new WorkloadClusters(client);
    this.accept = new Accept(reader, addons, clusters, applier);
    this.events = new ClusterEvents(client);
    this.kubeconfigs = new ClusterKubeconfigs(client);
    this.desiredSpecs = new DesiredSpecs(reader, renderer, addons, providers);
    this.agentReports = new AgentReports(clusters, clock);
    this.agentCredentials = new AgentCredentials(client);
    PivotMarks marks = new PivotMarks(client);
    MoveJournal journal = new ConfigMapMoveJournal(client);
    List<Step> steps =
        List.of(
            accept,
            new RenderAndApply(renderer, applier, marks, options.reapplyInterval(), clock),
            new FirstControlPlane(client, marks),
            new Pivot(client, providers, pivot, marks, journal, kubeconfigs, agentCredentials),
            new ScaleOut(desiredSpecs),
            new AddOns(desiredSpecs));
    this.reconciler =
        new ClusterReconciler(
            clusters,
            steps,
            new ClusterDeletion(client, clusters, accept, events, clock, providers, marks, journal, kubeconfigs),
            events,
            options,
            clock);
  }

  /**
   * An engine for the management cluster the client reaches; {@link #start} sets it going.
   *
   * @param client the management cluster, with Fulcrum's CRDs installed
   * @param providers the loaded provider plugins
   */
  public static Engine create(KubernetesClient client, ProviderRegistry providers, EngineOptions options, Clock clock) {
    return create(client, providers, options, PivotSettings.unconfigured(), clock);
  }

  /**
   * An engine that pivots clusters with the given settings; {@link #start} sets it going.
   *
   * @param pivot what step 4 installs into workload clusters, and where agents reach the management plane
   */
  public static Engine create(
      KubernetesClient client, ProviderRegistry providers, EngineOptions options, PivotSettings pivot, Clock clock) {
    return new Engine(client, providers, options, pivot, clock);
  }

  /** Step 1, through which requests enter. */
  public Accept accept() {
    return accept;
  }

  /** The stored clusters. */
  public WorkloadClusters clusters() {
    return clusters;
  }

  /** The clusters' events. */
  public ClusterEvents events() {
    return events;
  }

  /** The workload clusters' admin kubeconfigs. */
  public ClusterKubeconfigs kubeconfigs() {
    return kubeconfigs;
  }

  /** The desired specs agents pull. */
  public DesiredSpecs desiredSpecs() {
    return desiredSpecs;
  }

  /** Reads and validates cluster profile documents (Helm renders included). */
  public ProfileReader profileReader() {
    return profileReader;
  }

  /** The stored cluster profiles. */
  public ClusterProfiles profiles() {
    return profiles;
  }

  /** Where agents' reports go. */
  public AgentReports agentReports() {
    return agentReports;
  }

  /** The agents' per-cluster tokens. */
  public AgentCredentials agentCredentials() {
    return agentCredentials;
  }

  /** The reconciler, which runs the steps. */
  public ClusterReconciler reconciler() {
    return reconciler;
  }

  /** The steps, in order. */
  public List<Step> steps() {
    return reconciler.steps();
  }

  /** A stored cluster's progress through the steps. */
  public ClusterProgress progress(JsonNode workloadCluster) {
    return ClusterProgress.of(workloadCluster, steps());
  }

  /** Starts reconciling every WorkloadCluster in the background. */
  public void start() {
    reconciler.start();
  }

  /** Stops reconciling. */
  @Override
  public void close() {
    reconciler.close();
  }
}
