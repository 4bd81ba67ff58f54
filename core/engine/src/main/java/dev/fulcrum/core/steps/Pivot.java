package dev.fulcrum.core.steps;

import dev.fulcrum.core.agents.AgentCredentials;
import dev.fulcrum.core.cluster.ClusterKubeconfigs;
import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.components.AgentManifests;
import dev.fulcrum.core.components.ComponentManifests;
import dev.fulcrum.core.components.ComponentsException;
import dev.fulcrum.core.components.ComponentsInstaller;
import dev.fulcrum.core.components.ComponentsRepository;
import dev.fulcrum.core.components.Readiness;
import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.core.pivot.ClusterMove;
import dev.fulcrum.core.pivot.Fabric8MoveApi;
import dev.fulcrum.core.pivot.MoveDirection;
import dev.fulcrum.core.pivot.MoveJournal;
import dev.fulcrum.core.pivot.MovePreflightException;
import dev.fulcrum.core.pivot.MoveRequest;
import dev.fulcrum.core.pivot.MoveResult;
import dev.fulcrum.core.pivot.UnmovableObjectsException;
import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.core.render.CapiTypes;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.ProviderDescriptor;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step 4, pivot: the cluster takes over its own Cluster API objects (DESIGN.md §6).
 *
 * <ol>
 *   <li>Through the cluster's kubeconfig (a copy is kept in the project: the Secret itself moves), install the
 *       Cluster API components it needs (core, kubeadm bootstrap and control plane, the provider's, from the local
 *       components repository) and the Fulcrum agent with a token valid for this cluster only; wait until they are
 *       ready.</li>
 *   <li>Fence the management plane off the cluster ({@link PivotMarks}), then move the namespace of Cluster API
 *       objects with {@link ClusterMove}: journaled, verified, resumable.</li>
 * </ol>
 *
 * <p>Once moved, the step is done without calling the workload cluster again: the fence is set, no move journal is
 * open, and the management cluster holds no Cluster for it.
 */
public final class Pivot extends Step {
  public static final String NAME = "Pivot";
  public static final String CONDITION = "Pivoted";

  private final KubernetesClient management;
  private final ProviderRegistry providers;
  private final PivotSettings settings;
  private final PivotMarks marks;
  private final MoveJournal journal;
  private final ClusterKubeconfigs kubeconfigs;
  private final AgentCredentials credentials;

  public Pivot(
      KubernetesClient management,
      ProviderRegistry providers,
      PivotSettings settings,
      PivotMarks marks,
      MoveJournal journal,
      ClusterKubeconfigs kubeconfigs,
      AgentCredentials credentials) {
    super(NAME, CONDITION, "install Cluster API and the agent into the cluster, then move its Cluster API objects there");
    this.management = management;
    this.providers = providers;
    this.settings = settings;
    this.marks = marks;
    this.journal = journal;
    this.kubeconfigs = kubeconfigs;
    this.credentials = credentials;
  }

  /** The API groups whose objects move: Cluster API's own and the provider's infrastructure group. */
  public static Set<String> movedGroups(ProviderDescriptor provider) {
    return Set.of(CapiTypes.CORE_GROUP, CapiTypes.BOOTSTRAP_GROUP, CapiTypes.CONTROL_PLANE_GROUP, provider.apiGroup());
  }

  @Override
  public StepOutcome reconcile(WorkloadClusterState cluster) {
    ClusterRequest request = cluster.request();
    String namespace = request.namespace();
    boolean fenced = marks.isPivoted(namespace);
    if (fenced && journal.load(namespace).isEmpty() && !managementHoldsCluster(request)) {
      return StepOutcome.done("Moved", "the cluster's Cluster API objects live in the cluster; its agent runs it");
    }
    ObjectNode stored = cluster.stored();
    Optional<String> kubeconfig = kubeconfigs.of(stored);
    if (kubeconfig.isEmpty()) {
      return StepOutcome.waiting("WaitingForKubeconfig", "the cluster's kubeconfig Secret is missing");
    }
    kubeconfigs.keepCopy(stored, kubeconfig.get());
    ProviderDescriptor provider = providers.find(request.provider()).orElseThrow().descriptor();
    try (KubernetesClient workload = KubeClients.fromKubeconfigContent(kubeconfig.get())) {
      if (!fenced) {
        if (settings.componentsRepository().isEmpty()) {
          return StepOutcome.waiting(
              "ComponentsUnavailable", "no components repository is configured (server option --components-dir)");
        }
        Readiness installed =
            install(new ComponentsRepository(settings.componentsRepository().get()), workload, provider, stored);
        if (!installed.ready()) {
          return StepOutcome.waiting("InstallingComponents", "installed Cluster API and the agent; " + installed);
        }
        marks.mark(namespace);
      }
      MoveResult result =
          new ClusterMove(journal)
              .move(
                  new MoveRequest(namespace, request.name(), movedGroups(provider), MoveDirection.TO_WORKLOAD),
                  new Fabric8MoveApi(management),
                  new Fabric8MoveApi(workload));
      return StepOutcome.done(
          "Moved",
          "moved " + result.moved().size() + " objects into the cluster with " + result.apiCalls()
              + " API calls; its agent runs it now");
    } catch (ComponentsException e) {
      return StepOutcome.waiting("ComponentsUnavailable", e.getMessage());
    } catch (UnmovableObjectsException e) {
      return StepOutcome.failed("UnmovableObjects", e.getMessage());
    } catch (MovePreflightException e) {
      return StepOutcome.waiting("NotReadyToMove", e.getMessage());
    }
  }

  private Readiness install(
      ComponentsRepository repository, KubernetesClient workload, ProviderDescriptor provider, ObjectNode stored) {
    List<ComponentManifests> components =
        repository.read(settings.componentVersions().forProvider(provider), Map.of());
    AgentManifests agent =
        AgentManifests.forCluster(
            ClusterRef.of(stored), settings.managementUrl().get(), credentials.tokenFor(stored), settings.agentImageTag());
    ComponentsInstaller installer = new ComponentsInstaller(workload);
    installer.install(components);
    installer.applyAll(agent.objects());
    List<String> waiting = new ArrayList<>(installer.readiness(components).waitingFor());
    waiting.addAll(installer.readinessOf(agent.objects()).waitingFor());
    return new Readiness(waiting);
  }

  private boolean managementHoldsCluster(ClusterRequest request) {
    return management.genericKubernetesResources(CapiTypes.clusters()).inNamespace(request.namespace()).withName(request.name()).get()
        != null;
  }
}
