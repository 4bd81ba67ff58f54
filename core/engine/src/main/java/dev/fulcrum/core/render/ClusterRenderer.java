package dev.fulcrum.core.render;

import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.Manifest;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.NodeRole;
import dev.fulcrum.spi.ProviderDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the Cluster API objects of one cluster: the provider-agnostic objects itself, the
 * infrastructure-specific ones through the request's provider.
 *
 * <p>Output is deterministic and names are stable: the same request always renders equal objects.
 * Order: Cluster, infrastructure cluster, KubeadmControlPlane, control-plane machine template; then
 * ({@link Stage#FULL}) per worker pool in request order its machine template, KubeadmConfigTemplate
 * and MachineDeployment; then the MachineHealthChecks.
 */
public final class ClusterRenderer {
  /**
   * KCP replaces control-plane machines whose certificates expire within this many days (upstream
   * minimum 7), so certificates rotate without anyone acting.
   */
  static final int CERTIFICATES_EXPIRY_DAYS = 21;

  private final ProviderRegistry providers;

  public ClusterRenderer(ProviderRegistry providers) {
    this.providers = Objects.requireNonNull(providers, "providers");
  }

  /**
   * Renders a validated request.
   *
   * @throws IllegalArgumentException if the request's provider is not loaded
   */
  public List<KubeObject> render(ClusterRequest request, Stage stage) {
    InfrastructureProvider provider =
        providers
            .find(request.provider())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "provider '" + request.provider() + "' is not loaded; loaded: " + providers.ids()));
    return new Rendering(request, provider).render(stage);
  }

  /** The rendering of one request. */
  private static final class Rendering {
    private final ClusterRequest request;
    private final InfrastructureProvider provider;
    private final ProviderDescriptor infra;
    private final ClusterObjects objects;

    Rendering(ClusterRequest request, InfrastructureProvider provider) {
      this.request = request;
      this.provider = provider;
      this.infra = provider.descriptor();
      this.objects = new ClusterObjects(request.name(), request.namespace());
    }

    List<KubeObject> render(Stage stage) {
      NodePool controlPlane = request.controlPlane();
      ObjectNode controlPlaneTemplate = machineTemplate(controlPlane);
      int controlPlaneReplicas = stage == Stage.INITIAL ? 1 : controlPlane.replicas();

      List<ObjectNode> rendered = new ArrayList<>();
      rendered.add(cluster());
      rendered.add(infrastructureCluster());
      rendered.add(kubeadmControlPlane(controlPlaneReplicas, nameOf(controlPlaneTemplate)));
      rendered.add(controlPlaneTemplate);
      if (stage == Stage.FULL) {
        for (NodePool pool : request.workerPools()) {
          ObjectNode template = machineTemplate(pool);
          ObjectNode bootstrap = kubeadmConfigTemplate(pool, nameOf(template));
          rendered.add(template);
          rendered.add(bootstrap);
          rendered.add(machineDeployment(pool, nameOf(template), nameOf(bootstrap)));
        }
        rendered.add(controlPlaneHealthCheck());
        request.workerPools().forEach(pool -> rendered.add(poolHealthCheck(pool)));
      }
      return rendered.stream().map(KubeObject::of).toList();
    }

    private ObjectNode cluster() {
      ObjectNode cluster = objects.object(CapiTypes.CORE_API, CapiTypes.CLUSTER, request.name());
      ObjectNode spec = cluster.putObject("spec");
      ObjectNode network = spec.putObject("clusterNetwork");
      putCidrBlocks(network, "pods", request.network().podCIDRs());
      putCidrBlocks(network, "services", request.network().serviceCIDRs());
      if (request.network().serviceDomain() != null) {
        network.put("serviceDomain", request.network().serviceDomain());
      }
      if (network.isEmpty()) {
        spec.remove("clusterNetwork");
      }
      spec.set(
          "controlPlaneRef",
          ClusterObjects.ref(
              CapiTypes.CONTROL_PLANE_GROUP, CapiTypes.KUBEADM_CONTROL_PLANE, controlPlaneName()));
      spec.set("infrastructureRef", ClusterObjects.ref(infra.apiGroup(), infra.clusterKind(), request.name()));
      return cluster;
    }

    private static void putCidrBlocks(ObjectNode network, String field, List<String> cidrs) {
      if (!cidrs.isEmpty()) {
        cidrs.forEach(network.putObject(field).putArray("cidrBlocks")::add);
      }
    }

    private ObjectNode infrastructureCluster() {
      Manifest cluster = provider.infrastructureCluster(request);
      requireDeclaredType(cluster, infra.clusterKind(), "infrastructure cluster");
      return providerObject(cluster, request.name());
    }

    private ObjectNode kubeadmControlPlane(int replicas, String machineTemplateName) {
      ObjectNode kcp =
          objects.object(CapiTypes.CONTROL_PLANE_API, CapiTypes.KUBEADM_CONTROL_PLANE, controlPlaneName());
      ObjectNode spec = kcp.putObject("spec");
      spec.put("replicas", replicas);
      spec.put("version", request.kubernetesVersion());
      spec.putObject("machineTemplate")
          .putObject("spec")
          .set(
              "infrastructureRef",
              ClusterObjects.ref(infra.apiGroup(), infra.machineTemplateKind(), machineTemplateName));
      spec.set(
          "kubeadmConfigSpec",
          KubeadmConfigSpecs.controlPlane(provider.cloudInit(request, request.controlPlane()), machineTemplateName));
      spec.putObject("rollout").putObject("before").put("certificatesExpiryDays", CERTIFICATES_EXPIRY_DAYS);
      return kcp;
    }

    private ObjectNode machineTemplate(NodePool pool) {
      Manifest template = provider.machineTemplate(request, pool);
      requireDeclaredType(template, infra.machineTemplateKind(), "machine template");
      JsonNode spec = Mappers.json().valueToTree(template.spec());
      String name = ContentNames.name(poolName(pool), template.apiVersion(), template.kind(), spec);
      return providerObject(template, name);
    }

    private ObjectNode kubeadmConfigTemplate(NodePool pool, String machineTemplateName) {
      ObjectNode spec = Mappers.json().createObjectNode();
      spec.putObject("template")
          .set("spec", KubeadmConfigSpecs.worker(provider.cloudInit(request, pool), machineTemplateName));
      String name =
          ContentNames.name(poolName(pool), CapiTypes.BOOTSTRAP_API, CapiTypes.KUBEADM_CONFIG_TEMPLATE, spec);
      ObjectNode template = objects.object(CapiTypes.BOOTSTRAP_API, CapiTypes.KUBEADM_CONFIG_TEMPLATE, name);
      template.set("spec", spec);
      return template;
    }

    private ObjectNode machineDeployment(NodePool pool, String machineTemplateName, String bootstrapTemplateName) {
      ObjectNode deployment = objects.object(CapiTypes.CORE_API, CapiTypes.MACHINE_DEPLOYMENT, poolName(pool));
      ObjectNode spec = deployment.putObject("spec");
      spec.put("clusterName", request.name());
      spec.put("replicas", pool.replicas());
      Map<String, String> machineLabels = poolMachineLabels(pool);
      machineLabels.forEach(spec.putObject("selector").putObject("matchLabels")::put);

      ObjectNode template = spec.putObject("template");
      machineLabels.forEach(template.putObject("metadata").putObject("labels")::put);
      ObjectNode machine = template.putObject("spec");
      machine.put("clusterName", request.name());
      machine.put("version", request.kubernetesVersion());
      machine
          .putObject("bootstrap")
          .set(
              "configRef",
              ClusterObjects.ref(
                  CapiTypes.BOOTSTRAP_GROUP, CapiTypes.KUBEADM_CONFIG_TEMPLATE, bootstrapTemplateName));
      machine.set(
          "infrastructureRef",
          ClusterObjects.ref(infra.apiGroup(), infra.machineTemplateKind(), machineTemplateName));

      // Replace one machine at a time and never drop below the requested count.
      ObjectNode strategy = spec.putObject("rollout").putObject("strategy");
      strategy.put("type", "RollingUpdate");
      strategy.putObject("rollingUpdate").put("maxSurge", 1).put("maxUnavailable", 0);
      return deployment;
    }

    private ObjectNode controlPlaneHealthCheck() {
      Map<String, String> selector = new TreeMap<>();
      selector.put(Labels.CLUSTER_NAME, request.name());
      selector.put(Labels.CONTROL_PLANE, "");
      return healthCheck(controlPlaneName(), selector);
    }

    private ObjectNode poolHealthCheck(NodePool pool) {
      return healthCheck(poolName(pool), poolMachineLabels(pool));
    }

    private ObjectNode healthCheck(String name, Map<String, String> selector) {
      ObjectNode check = objects.object(CapiTypes.CORE_API, CapiTypes.MACHINE_HEALTH_CHECK, name);
      check.set("spec", HealthChecks.spec(request.name(), selector));
      return check;
    }

    /**
     * The Cluster, KCP and MachineDeployments reference provider objects by the descriptor's group
     * and kinds; an object of another type would leave those references dangling.
     */
    private void requireDeclaredType(Manifest manifest, String kind, String role) {
      if (!manifest.apiVersion().equals(infra.apiVersion()) || !manifest.kind().equals(kind)) {
        throw new IllegalStateException(
            "provider '" + infra.id() + "' rendered " + manifest.apiVersion() + " " + manifest.kind() + " as its "
                + role + ", but its descriptor declares " + infra.apiVersion() + " " + kind);
      }
    }

    /** A provider-rendered object, named and labelled by the core. */
    private ObjectNode providerObject(Manifest manifest, String name) {
      ObjectNode object =
          objects.object(manifest.apiVersion(), manifest.kind(), name, manifest.labels(), manifest.annotations());
      object.set("spec", Mappers.json().valueToTree(manifest.spec()));
      return object;
    }

    /** The labels of a worker pool's machines; its MachineDeployment and health check select by them. */
    private Map<String, String> poolMachineLabels(NodePool pool) {
      Map<String, String> labels = new TreeMap<>();
      labels.put(Labels.CLUSTER_NAME, request.name());
      labels.put(Labels.POOL, pool.name());
      return labels;
    }

    private String controlPlaneName() {
      return poolName(request.controlPlane());
    }

    /** {@code <cluster>-<pool>}, the control plane's pool being {@code control-plane}. */
    private String poolName(NodePool pool) {
      return request.name()
          + "-"
          + (pool.role() == NodeRole.CONTROL_PLANE ? NodePool.CONTROL_PLANE_NAME : pool.name());
    }

    private static String nameOf(ObjectNode object) {
      return object.at("/metadata/name").stringValue();
    }
  }
}
