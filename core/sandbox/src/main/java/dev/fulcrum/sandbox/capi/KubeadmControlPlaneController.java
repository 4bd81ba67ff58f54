package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The KubeadmControlPlane controller: once the cluster's infrastructure is provisioned it generates the cluster
 * certificates and the kubeconfig Secret, then creates control-plane Machines one at a time: the first runs
 * {@code kubeadm init}; each further one ({@code kubeadm join}) only when every existing machine has a healthy
 * node, and scale-down likewise removes one machine at a time. It reads the workload cluster (through the
 * kubeconfig) to decide initialization and component health, and marks machines up to date or not.
 */
final class KubeadmControlPlaneController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(KubeadmControlPlaneController.class);
  private static final Duration WORKLOAD_POLL = Duration.ofSeconds(1);
  private static final int CERTIFICATE_DAYS = 365;
  private static final List<String> COMPONENTS = List.of("kube-apiserver", "kube-controller-manager",
      "kube-scheduler");

  private final SimContext ctx;
  private final MachineParts parts;

  KubeadmControlPlaneController(SimContext ctx) {
    this.ctx = ctx;
    this.parts = new MachineParts(ctx);
  }

  void watch(Controller controller) {
    ctx.informers.onChange(Capi.KUBEADM_CONTROL_PLANE, kcp -> controller.enqueue(ObjectKey.of(kcp)));
    ctx.informers.onChange(Capi.MACHINE, machine -> {
      String owner = machine.labels().get(Capi.CONTROL_PLANE_NAME_LABEL);
      if (owner != null) {
        controller.enqueue(new ObjectKey(machine.namespace(), owner));
      }
    });
    ctx.informers.onChange(Capi.CLUSTER, cluster -> {
      if (Capi.KUBEADM_CONTROL_PLANE.is(cluster.text("/spec/controlPlaneRef/apiGroup"),
          cluster.text("/spec/controlPlaneRef/kind"))) {
        controller.enqueue(new ObjectKey(cluster.namespace(), cluster.text("/spec/controlPlaneRef/name")));
      }
    });
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<ApiObject> found = ctx.api.get(Capi.KUBEADM_CONTROL_PLANE, key.namespace(), key.name());
    if (found.isEmpty() || found.get().deleting()) {
      return Result.done();
    }
    ApiObject read = found.get();
    Optional<ApiObject> owner = read.owner(Capi.CORE_GROUP, "Cluster")
        .flatMap(ref -> ctx.cluster(read.namespace(), ref.name()));
    if (owner.isEmpty()) {
      return Result.done();
    }
    ApiObject cluster = owner.get();
    if (SimContext.paused(cluster, read)) {
      ApiObject next = read.copy();
      Conditions.of(next).set("Paused", true, "Paused", "");
      ctx.writeStatus(Capi.KUBEADM_CONTROL_PLANE, read, next);
      return Result.done();
    }
    ApiObject labelled = read.copy();
    labelled.label(Capi.CLUSTER_NAME_LABEL, cluster.name());
    ApiObject kcp = ctx.writeObject(Capi.KUBEADM_CONTROL_PLANE, read, labelled);
    return new Pass(kcp, cluster).run();
  }

  /** One reconcile of one control plane. */
  private final class Pass {
    private final ApiObject kcp;
    private final ApiObject cluster;
    private final String templateGroup;
    private final String templateKind;
    private final String templateName;
    private final Optional<InfraKinds> infra;
    private final Conditions notes;
    private final ApiObject next;
    private String unsupported;
    private String versionSkew;
    private String rolloutWaiting;
    private Optional<KubernetesClient> workload;

    Pass(ApiObject kcp, ApiObject cluster) {
      this.kcp = kcp;
      this.cluster = cluster;
      JsonNode ref = kcp.at("/spec/machineTemplate/spec/infrastructureRef");
      this.templateGroup = ref.path("apiGroup").stringValue("");
      this.templateKind = ref.path("kind").stringValue("");
      this.templateName = ref.path("name").stringValue("");
      this.infra = ctx.infra.byTemplateKind(templateGroup, templateKind);
      this.next = kcp.copy();
      this.notes = Conditions.of(next);
    }

    Result run() {
      notes.set("Paused", false, "NotPaused", "").set("Deleting", false, "NotDeleting", "");
      List<ApiObject> machines = machines();
      // Initialization never flips back, even while the status of a moved cluster is being rebuilt.
      boolean wasInitialized = kcp.flag("/status/initialization/controlPlaneInitialized");
      if (infra.isEmpty()) {
        unsupported = "no simulated infrastructure provider has machine template " + templateKind + "."
            + templateGroup;
        return finish(machines, wasInitialized);
      }
      adoptTemplate();
      if (!cluster.flag("/status/initialization/infrastructureProvisioned")) {
        notes.set("CertificatesAvailable", false, "WaitingForClusterInfrastructure", "");
        return finish(machines, wasInitialized);
      }
      Set<String> secrets = ctx.api.list(Capi.SECRET, kcp.namespace(), Map.of(Capi.CLUSTER_NAME_LABEL,
          cluster.name())).stream().map(ApiObject::name).collect(Collectors.toSet());
      ClusterCertificates.ensure(ctx.api, cluster.name(), kcp, secrets);
      notes.set("CertificatesAvailable", true, "Available", "");
      if (!ClusterController.validEndpoint(cluster.at("/spec/controlPlaneEndpoint"))) {
        return finish(machines, wasInitialized);
      }
      Kubeconfigs.ensure(ctx.api, cluster.name(), kcp,
          ctx.workloads.apis().url(WorkloadClusters.apiName(cluster)), secrets);

      boolean initialized = wasInitialized || workloadInitialized();
      for (ApiObject machine : machines) {
        if (!machine.deleting()) {
          Role role = machines.size() == 1 && !initialized ? Role.INIT : Role.JOIN;
          completeParts(machine, role);
        }
      }
      machines = remediate(machines, initialized);
      if (!rollOut(machines, initialized)) {
        scale(machines, initialized);
      }
      return finish(markUpToDate(machines()), initialized);
    }

    private void adoptTemplate() {
      ctx.api.get(infra.get().machineTemplateResource(), kcp.namespace(), templateName).ifPresent(template -> {
        ApiObject owned = template.copy();
        owned.ensureOwner(cluster, false);
        ctx.writeObject(infra.get().machineTemplateResource(), template, owned);
      });
    }

    private List<ApiObject> machines() {
      return ctx.api.list(Capi.MACHINE, kcp.namespace(), Map.of(Capi.CLUSTER_NAME_LABEL, cluster.name(),
          Capi.CONTROL_PLANE_NAME_LABEL, kcp.name())).stream().filter(m -> m.controlledBy(kcp)).toList();
    }

    /**
     * Replaces outdated machines one at a time, as KubeadmControlPlane's rolling update does with maxSurge (default
     * 1): scale up to {@code replicas + maxSurge} with an up-to-date machine, wait until every machine is healthy,
     * delete the oldest outdated machine, repeat. Refuses a version more than one minor above a machine's. True
     * while a rollout is what this reconcile is about (scaling waits).
     */
    private boolean rollOut(List<ApiObject> machines, boolean initialized) {
      List<ApiObject> active = machines.stream().filter(m -> !m.deleting()).toList();
      List<ApiObject> outdated = active.stream().filter(m -> !outdatedReasons(m).isEmpty())
          .sorted(Comparator.comparing(ApiObject::creationTimestamp).thenComparing(ApiObject::name)).toList();
      if (outdated.isEmpty() || !initialized) {
        return false;
      }
      String target = kcp.text("/spec/version");
      Optional<String> tooOld = outdated.stream().map(m -> m.text("/spec/version"))
          .filter(v -> v != null && target != null && KubeVersion.minorsBetween(v, target) > 1).findFirst();
      if (tooOld.isPresent()) {
        versionSkew = "version " + target + " is more than one minor above machine version " + tooOld.get()
            + "; upgrade one minor at a time";
        return true;
      }
      int desired = kcp.at("/spec/replicas").asInt(1);
      int maxSurge = kcp.at("/spec/rollout/strategy/rollingUpdate/maxSurge").asInt(1);
      List<String> blockers = preflight(machines);
      if (!blockers.isEmpty()) {
        rolloutWaiting = "waiting for " + String.join("; ", blockers);
        return true;
      }
      if (active.size() < desired + maxSurge) {
        LOG.info("KubeadmControlPlane {}/{}: rolling out, adding an up-to-date machine ({} outdated)",
            kcp.namespace(), kcp.name(), outdated.size());
        create(Role.JOIN);
      } else {
        ApiObject victim = outdated.get(0);
        LOG.info("KubeadmControlPlane {}/{}: rolling out, deleting outdated Machine {} ({})", kcp.namespace(),
            kcp.name(), victim.name(), String.join("; ", outdatedReasons(victim)));
        ctx.api.delete(Capi.MACHINE, victim.namespace(), victim.name());
      }
      return true;
    }

    private void scale(List<ApiObject> machines, boolean initialized) {
      int desired = kcp.at("/spec/replicas").asInt(1);
      List<ApiObject> active = machines.stream().filter(m -> !m.deleting()).toList();
      List<String> blockers = preflight(machines);
      notes.set("ScalingUp", active.size() < desired, active.size() < desired ? "ScalingUp" : "NotScalingUp",
          active.size() < desired && !blockers.isEmpty() && !active.isEmpty()
              ? "waiting for " + String.join("; ", blockers) : "");
      notes.set("ScalingDown", active.size() > desired, active.size() > desired ? "ScalingDown" : "NotScalingDown",
          active.size() > desired && !blockers.isEmpty() ? "waiting for " + String.join("; ", blockers) : "");
      if (active.isEmpty() && desired > 0) {
        create(Role.INIT);
      } else if (active.size() < desired) {
        if (initialized && blockers.isEmpty()) {
          create(Role.JOIN);
        }
      } else if (active.size() > desired && blockers.isEmpty()) {
        ApiObject victim = active.stream()
            .sorted(Comparator.comparing((ApiObject m) -> !m.annotations().containsKey(Capi.DELETE_MACHINE_ANNOTATION))
                .thenComparing(ApiObject::creationTimestamp).thenComparing(ApiObject::name))
            .findFirst().orElseThrow();
        LOG.info("KubeadmControlPlane {}/{}: scaling down, deleting Machine {}", kcp.namespace(), kcp.name(),
            victim.name());
        ctx.api.delete(Capi.MACHINE, victim.namespace(), victim.name());
      }
    }

    /**
     * Remediates the oldest machine a health check asked to, under KubeadmControlPlane's rules: one at a time (no
     * machine deleting, every other machine healthy, which also keeps etcd's quorum), and never the only machine of
     * an initialized control plane. The replacement comes from scaling up. Returns the machines as they are now.
     */
    private List<ApiObject> remediate(List<ApiObject> machines, boolean initialized) {
      Optional<ApiObject> target = machines.stream()
          .filter(m -> !m.deleting() && MachineHealthCheckController.remediationRequested(m))
          .min(Comparator.comparing(ApiObject::creationTimestamp).thenComparing(ApiObject::name));
      if (target.isEmpty()) {
        notes.set("Remediating", false, "NotRemediating", "");
        return machines;
      }
      String blocker = remediationBlocker(machines, initialized, target.get());
      if (blocker != null) {
        notes.set("Remediating", true, "RemediationBlocked", "cannot remediate Machine " + target.get().name()
            + ": " + blocker);
        return machines;
      }
      LOG.info("KubeadmControlPlane {}/{}: remediating unhealthy Machine {}", kcp.namespace(), kcp.name(),
          target.get().name());
      ctx.api.delete(Capi.MACHINE, target.get().namespace(), target.get().name());
      notes.set("Remediating", true, "RemediationInProgress", "deleted unhealthy Machine " + target.get().name());
      return machines();
    }

    private String remediationBlocker(List<ApiObject> machines, boolean initialized, ApiObject target) {
      List<ApiObject> others = machines.stream().filter(m -> !m.name().equals(target.name())).toList();
      if (others.stream().anyMatch(ApiObject::deleting)) {
        return "another Machine is being deleted";
      }
      if (initialized && others.isEmpty()) {
        return "the only machine of an initialized control plane cannot be remediated";
      }
      List<String> unhealthy = others.stream().filter(m -> !Conditions.isTrue(m, "NodeHealthy"))
          .map(ApiObject::name).sorted().toList();
      return unhealthy.isEmpty() ? null : "waiting for " + unhealthy + " to be healthy (etcd quorum, one "
          + "remediation at a time)";
    }

    /** Why a scale step must wait: machines still being created, deleted, or without a healthy node. */
    private List<String> preflight(List<ApiObject> machines) {
      List<String> blockers = new ArrayList<>();
      for (ApiObject machine : machines) {
        if (machine.deleting()) {
          blockers.add("Machine " + machine.name() + " to be deleted");
        } else if (machine.text("/status/nodeRef/name") == null || !Conditions.isTrue(machine, "NodeHealthy")) {
          blockers.add("Machine " + machine.name() + " to have a healthy node");
        }
      }
      return blockers;
    }

    private void create(Role role) {
      String name = MachineParts.newName(kcp.name());
      Map<String, String> labels = (Trees.stringMap(kcp.at("/spec/machineTemplate/metadata/labels")));
      labels.putAll(ownLabels());
      ObjectNode spec = MachineParts.machineSpec(cluster.name(), kcp.text("/spec/version"), name, infra.get());
      for (String field : List.of("readinessGates", "deletion", "taints")) {
        JsonNode value = kcp.at("/spec/machineTemplate/spec/" + field);
        if (!value.isMissingNode()) {
          spec.set(field, value.deepCopy());
        }
      }
      ApiObject machine = parts.createMachine(kcp, name, labels,
          Trees.stringMap(kcp.at("/spec/machineTemplate/metadata/annotations")), spec);
      LOG.info("KubeadmControlPlane {}/{}: created Machine {} ({})", kcp.namespace(), kcp.name(), name,
          role == Role.INIT ? "kubeadm init" : "kubeadm join");
      completeParts(machine, role);
    }

    private void completeParts(ApiObject machine, Role role) {
      if (!parts.ensureInfraMachine(machine, infra.get(), templateName, ownLabels())) {
        notes.set("MachinesCreated", false, "TemplateNotFound", templateKind + " " + templateName + " not found");
      }
      // kubeadm's API server certificate (and with it the machine's certificates) is valid for a year.
      parts.ensureBootstrapConfig(machine, configSpec(role), ownLabels(), Map.of(Capi.CERTIFICATES_EXPIRY_ANNOTATION,
          Trees.timestamp(Instant.now().plus(Duration.ofDays(CERTIFICATE_DAYS)))));
    }

    private Map<String, String> ownLabels() {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(Capi.CLUSTER_NAME_LABEL, cluster.name());
      labels.put(Capi.CONTROL_PLANE_LABEL, "");
      labels.put(Capi.CONTROL_PLANE_NAME_LABEL, kcp.name());
      return labels;
    }

    /** The KubeadmConfig spec of a new machine: init drops the join configuration; a join drops init's. */
    private JsonNode configSpec(Role role) {
      JsonNode configured = kcp.at("/spec/kubeadmConfigSpec");
      ObjectNode spec = Trees.copyOf(configured);
      if (role == Role.INIT) {
        spec.remove("joinConfiguration");
      } else {
        spec.remove("initConfiguration");
        Trees.child(Trees.child(spec, "joinConfiguration"), "controlPlane");
      }
      return spec;
    }

    /**
     * Sets each machine's UpToDate condition and {@code status.certificatesExpiryDate}. Returns the machines as
     * stored.
     */
    private List<ApiObject> markUpToDate(List<ApiObject> machines) {
      List<ApiObject> stored = new ArrayList<>();
      for (ApiObject machine : machines) {
        List<String> outdated = outdatedReasons(machine);
        ApiObject marked = machine.copy();
        certificatesExpiry(machine).ifPresent(expiry -> marked.status().put("certificatesExpiryDate",
            Trees.timestamp(expiry)));
        Conditions.of(marked).set("UpToDate", outdated.isEmpty(), outdated.isEmpty() ? "UpToDate" : "NotUpToDate",
            String.join("; ", outdated));
        stored.add(ctx.writeStatus(Capi.MACHINE, machine, marked));
      }
      return stored;
    }

    /**
     * Why a machine needs a rollout: another version, cloned from another template, created before
     * {@code spec.rollout.after} once that passed, or certificates expiring within
     * {@code spec.rollout.before.certificatesExpiryDays}. Empty when it is up to date.
     */
    private List<String> outdatedReasons(ApiObject machine) {
      List<String> outdated = new ArrayList<>();
      String version = kcp.text("/spec/version");
      if (version != null && !version.equals(machine.text("/spec/version"))) {
        outdated.add("version " + machine.text("/spec/version") + " instead of " + version);
      }
      String clonedFrom = ctx.api.get(infra.get().machineResource(), machine.namespace(),
          String.valueOf(machine.text("/spec/infrastructureRef/name")))
          .map(m -> m.annotations().get(Capi.CLONED_FROM_NAME)).orElse(templateName);
      if (!templateName.equals(clonedFrom)) {
        outdated.add("cloned from " + clonedFrom + " instead of " + templateName);
      }
      Instant now = Instant.now();
      String after = kcp.text("/spec/rollout/after");
      if (after != null && !Instant.parse(after).isAfter(now)
          && machine.creationTimestamp().isBefore(Instant.parse(after))) {
        outdated.add("created before rollout.after " + after);
      }
      int expiryDays = kcp.at("/spec/rollout/before/certificatesExpiryDays").asInt(0);
      Optional<Instant> expiry = certificatesExpiry(machine);
      if (expiryDays > 0 && expiry.isPresent() && now.plus(Duration.ofDays(expiryDays)).isAfter(expiry.get())) {
        outdated.add("certificates expire " + Trees.timestamp(expiry.get()) + ", within " + expiryDays + " days");
      }
      return outdated;
    }

    /** The machine's certificate expiry: its own annotation (a user override), else its KubeadmConfig's. */
    private Optional<Instant> certificatesExpiry(ApiObject machine) {
      String annotated = machine.annotations().get(Capi.CERTIFICATES_EXPIRY_ANNOTATION);
      if (annotated == null) {
        annotated = Optional.ofNullable(machine.text("/spec/bootstrap/configRef/name"))
            .flatMap(name -> ctx.api.get(Capi.KUBEADM_CONFIG, machine.namespace(), name))
            .map(config -> config.annotations().get(Capi.CERTIFICATES_EXPIRY_ANNOTATION)).orElse(null);
      }
      try {
        return Optional.ofNullable(annotated).map(Instant::parse);
      } catch (java.time.format.DateTimeParseException e) {
        return Optional.empty();
      }
    }

    /** The workload cluster's API through the kubeconfig Secret, read once per pass. */
    private Optional<KubernetesClient> workload() {
      if (workload == null) {
        workload = ctx.workloads.viaKubeconfig(cluster);
      }
      return workload;
    }

    /** Initialized once the workload cluster has a control-plane node and kubeadm's ClusterConfiguration. */
    private boolean workloadInitialized() {
      try {
        return workload().map(client ->
            !client.nodes().withLabel(SimulatedHost.CONTROL_PLANE_ROLE).list().getItems().isEmpty()
                && client.configMaps().inNamespace("kube-system").withName(SimulatedHost.KUBEADM_CONFIG).get() != null)
            .orElse(false);
      } catch (KubernetesClientException e) {
        return false;
      }
    }

    private Result finish(List<ApiObject> machines, boolean initialized) {
      ObjectNode status = next.status();
      status.put("replicas", machines.size());
      status.put("readyReplicas", ClusterController.count(machines, "Ready"));
      status.put("availableReplicas", ClusterController.count(machines, "Available"));
      status.put("upToDateReplicas", ClusterController.count(machines, "UpToDate"));
      status.put("selector", Capi.CLUSTER_NAME_LABEL + "=" + cluster.name() + "," + Capi.CONTROL_PLANE_NAME_LABEL
          + "=" + kcp.name());
      status.put("observedGeneration", kcp.generation());
      Trees.child(status, "initialization").put("controlPlaneInitialized", initialized);
      versions(status, machines);
      notes.set("Initialized", initialized, initialized ? "Initialized" : "NotInitialized", "");
      ClusterController.machinesCondition(notes, "MachinesReady", machines, "Ready");
      ClusterController.machinesCondition(notes, "MachinesUpToDate", machines, "UpToDate");
      List<String> outdated = machines.stream().filter(m -> !Conditions.isTrue(m, "UpToDate")).map(ApiObject::name)
          .sorted().toList();
      if (versionSkew != null) {
        notes.set("RollingOut", false, "VersionSkewTooLarge", versionSkew);
      } else {
        notes.set("RollingOut", !outdated.isEmpty(), outdated.isEmpty() ? "NotRollingOut" : "RollingOut",
            outdated.isEmpty() ? "" : "replacing " + outdated + (rolloutWaiting == null ? "" : "; " + rolloutWaiting));
      }
      List<String> unhealthy = initialized ? unhealthyComponents(machines) : List.of("not initialized");
      notes.set("ControlPlaneComponentsHealthy", unhealthy.isEmpty(),
          unhealthy.isEmpty() ? "Healthy" : "NotHealthy", String.join("; ", unhealthy));
      long healthyMembers = machines.stream().filter(m -> !m.deleting() && Conditions.isTrue(m, "NodeHealthy"))
          .count();
      boolean quorum = !machines.isEmpty() && healthyMembers >= machines.size() / 2 + 1;
      notes.set("EtcdClusterHealthy", initialized && quorum, initialized && quorum ? "Healthy" : "NotHealthy",
          initialized && quorum ? "" : healthyMembers + " of " + machines.size() + " members healthy");
      boolean available = initialized && quorum;
      if (unsupported != null) {
        notes.set("Available", false, "InfrastructureTemplateNotSupported", unsupported);
      } else {
        notes.set("Available", available, available ? "Available" : "NotAvailable",
            available ? "" : initialized ? "etcd has no quorum of healthy members" : "not initialized yet");
      }
      ctx.writeStatus(Capi.KUBEADM_CONTROL_PLANE, kcp, next);
      // The workload cluster's API is not watched until it is initialized: look again while machines boot.
      return !initialized && !machines.isEmpty() ? Result.after(WORKLOAD_POLL) : Result.done();
    }

    private void versions(ObjectNode status, List<ApiObject> machines) {
      Map<String, Integer> counts = new TreeMap<>(KubeVersion.ORDER);
      machines.forEach(m -> counts.merge(String.valueOf(m.text("/spec/version")), 1, Integer::sum));
      counts.remove("null");
      if (!counts.isEmpty()) {
        status.put("version", counts.keySet().iterator().next());
        ArrayNode versions = status.putArray("versions");
        counts.forEach((version, replicas) -> versions.addObject().put("version", version).put("replicas", replicas));
      }
    }

    /** Static pods of control-plane components that are missing or not Ready on the machines' nodes. */
    private List<String> unhealthyComponents(List<ApiObject> machines) {
      Optional<KubernetesClient> client = workload();
      if (client.isEmpty()) {
        return List.of("no kubeconfig");
      }
      List<String> problems = new ArrayList<>();
      for (ApiObject machine : machines) {
        String node = machine.text("/status/nodeRef/name");
        if (node == null || machine.deleting()) {
          continue;
        }
        for (String component : COMPONENTS) {
          String podName = component + "-" + node;
          try {
            Pod pod = client.get().pods().inNamespace("kube-system").withName(podName).get();
            if (pod == null || !SimulatedHost.podReady(pod)) {
              problems.add(podName + " is not ready");
            }
          } catch (KubernetesClientException e) {
            problems.add("the workload cluster does not answer");
            return problems;
          }
        }
      }
      return problems;
    }
  }

  private enum Role { INIT, JOIN }
}
