package dev.fulcrum.sandbox.capi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubeadm bootstrap provider's KubeadmConfig controller: for a config owned by a Machine, once the cluster's
 * infrastructure is provisioned, renders the machine's cloud-config into a bootstrap data Secret named after the
 * config ({@code value}, {@code format}) and records it in {@code status.dataSecretName}. Only the first
 * control-plane machine may {@code kubeadm init}; every other machine waits until the control plane is initialized
 * and then joins.
 */
final class KubeadmConfigController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(KubeadmConfigController.class);
  private static final String FORMAT = "cloud-config";
  private static final String WAITING_FOR_CERTIFICATES = "WaitingForCertificates";

  /** The control-plane certificate files kubeadm expects, by the cluster Secret and key they come from. */
  private static final Map<String, String[]> CERTIFICATE_FILES = certificateFiles();

  private final SimContext ctx;

  KubeadmConfigController(SimContext ctx) {
    this.ctx = ctx;
  }

  void watch(Controller controller) {
    ctx.informers.onChange(Capi.KUBEADM_CONFIG, config -> controller.enqueue(ObjectKey.of(config)));
    ctx.informers.onChange(Capi.MACHINE, machine -> {
      if (Capi.BOOTSTRAP_GROUP.equals(machine.text("/spec/bootstrap/configRef/apiGroup"))
          && Capi.KUBEADM_CONFIG.kind().equals(machine.text("/spec/bootstrap/configRef/kind"))) {
        controller.enqueue(new ObjectKey(machine.namespace(), machine.text("/spec/bootstrap/configRef/name")));
      }
    });
    ctx.informers.onChange(Capi.CLUSTER, cluster -> {
      for (ApiObject config : ctx.informers.cached(Capi.KUBEADM_CONFIG, cluster.namespace())) {
        if (cluster.name().equals(config.labels().get(Capi.CLUSTER_NAME_LABEL))) {
          controller.enqueue(ObjectKey.of(config));
        }
      }
    });
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<ApiObject> found = ctx.api.get(Capi.KUBEADM_CONFIG, key.namespace(), key.name());
    if (found.isEmpty() || found.get().deleting()) {
      return Result.done();
    }
    ApiObject config = found.get();
    Optional<ApiObject> machine = config.owner(Capi.CORE_GROUP, "Machine")
        .flatMap(owner -> ctx.api.get(Capi.MACHINE, key.namespace(), owner.name()));
    Optional<ApiObject> cluster = machine.flatMap(m -> ctx.cluster(key.namespace(), m.text("/spec/clusterName")));
    if (cluster.isEmpty()) {
      return Result.done();
    }
    ApiObject next = config.copy();
    Conditions conditions = Conditions.of(next);
    if (SimContext.paused(cluster.get(), config)) {
      conditions.set("Paused", true, "Paused", "");
      ctx.writeStatus(Capi.KUBEADM_CONFIG, config, next);
      return Result.done();
    }
    conditions.set("Paused", false, "NotPaused", "");
    Progress progress = dataSecret(config, machine.get(), cluster.get());
    if (progress.delay() != null) {
      return Result.after(progress.delay());
    }
    boolean created = progress.waitingFor() == null;
    if (created) {
      next.status().put("dataSecretName", config.name());
      Trees.child(next.status(), "initialization").put("dataSecretCreated", true);
    }
    boolean certificates = !WAITING_FOR_CERTIFICATES.equals(progress.waitingFor());
    conditions.set("DataSecretAvailable", created, created ? "Available" : progress.waitingFor(), "")
        .set("CertificatesAvailable", certificates, certificates ? "Available" : WAITING_FOR_CERTIFICATES, "")
        .set("Ready", created, created ? "Ready" : progress.waitingFor(), "");
    next.status().put("observedGeneration", config.generation());
    ctx.writeStatus(Capi.KUBEADM_CONFIG, config, next);
    return Result.done();
  }

  /** Where producing the bootstrap data stands: done, waiting for a precondition, or simulating its duration. */
  private record Progress(String waitingFor, Duration delay) {
    static final Progress DONE = new Progress(null, null);

    static Progress waiting(String reason) {
      return new Progress(reason, null);
    }
  }

  /** Makes sure the bootstrap data Secret exists, once it may. */
  private Progress dataSecret(ApiObject config, ApiObject machine, ApiObject cluster) {
    // The Secret outlives a lost status (a moved config): it is the bootstrap data, never rendered twice.
    if (ctx.api.get(Capi.SECRET, config.namespace(), config.name()).isPresent()) {
      return Progress.DONE;
    }
    if ("ignition".equals(config.text("/spec/format"))) {
      return Progress.waiting("IgnitionNotSupported");
    }
    if (!cluster.flag("/status/initialization/infrastructureProvisioned")
        || !ClusterController.validEndpoint(cluster.at("/spec/controlPlaneEndpoint"))) {
      return Progress.waiting("WaitingForClusterInfrastructure");
    }
    boolean controlPlane = machine.labels().containsKey(Capi.CONTROL_PLANE_LABEL);
    CloudConfig.Role role;
    if (!cluster.flag("/status/initialization/controlPlaneInitialized")) {
      if (!controlPlane || config.at("/spec/joinConfiguration").isObject()) {
        return Progress.waiting("WaitingForControlPlaneInitialization");
      }
      role = CloudConfig.Role.INIT;
    } else {
      role = controlPlane ? CloudConfig.Role.JOIN_CONTROL_PLANE : CloudConfig.Role.JOIN_WORKER;
    }
    Map<String, String> certificates = new LinkedHashMap<>();
    String caCertificate = ctx.api.get(Capi.SECRET, config.namespace(), cluster.name() + "-ca")
        .map(secret -> Secrets.value(secret, "tls.crt")).orElse(null);
    if (role != CloudConfig.Role.JOIN_WORKER) {
      for (Map.Entry<String, String[]> file : CERTIFICATE_FILES.entrySet()) {
        String secretName = cluster.name() + "-" + file.getValue()[0];
        String content = ctx.api.get(Capi.SECRET, config.namespace(), secretName)
            .map(secret -> Secrets.value(secret, file.getValue()[1])).orElse(null);
        if (content == null) {
          return Progress.waiting(WAITING_FOR_CERTIFICATES);
        }
        certificates.put(file.getKey(), content);
      }
    }
    Duration left = ctx.gate.remaining(config.uid(), "bootstrap", ctx.delays.bootstrapData());
    if (!left.isZero()) {
      return new Progress("WaitingForBootstrapData", left);
    }
    String endpoint = cluster.text("/spec/controlPlaneEndpoint/host") + ":"
        + cluster.at("/spec/controlPlaneEndpoint/port").asInt();
    String userData = CloudConfig.render(config.at("/spec"), role, new CloudConfig.Inputs(cluster.name(),
        Optional.ofNullable(machine.text("/spec/version")).orElse(""), endpoint, cluster.at("/spec/clusterNetwork"),
        certificates, caCertificate));
    ctx.api.createIfMissing(Capi.SECRET, Secrets.clusterSecret(cluster.name(), config, config.name(),
        Map.of("value", userData, "format", FORMAT)));
    LOG.info("KubeadmConfig {}/{}: bootstrap data ready ({})", config.namespace(), config.name(),
        role.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    return Progress.DONE;
  }

  private static Map<String, String[]> certificateFiles() {
    Map<String, String[]> files = new LinkedHashMap<>();
    files.put("/etc/kubernetes/pki/ca.crt", new String[] {"ca", "tls.crt"});
    files.put("/etc/kubernetes/pki/ca.key", new String[] {"ca", "tls.key"});
    files.put("/etc/kubernetes/pki/etcd/ca.crt", new String[] {"etcd", "tls.crt"});
    files.put("/etc/kubernetes/pki/etcd/ca.key", new String[] {"etcd", "tls.key"});
    files.put("/etc/kubernetes/pki/front-proxy-ca.crt", new String[] {"proxy", "tls.crt"});
    files.put("/etc/kubernetes/pki/front-proxy-ca.key", new String[] {"proxy", "tls.key"});
    files.put("/etc/kubernetes/pki/sa.pub", new String[] {"sa", "tls.crt"});
    files.put("/etc/kubernetes/pki/sa.key", new String[] {"sa", "tls.key"});
    return files;
  }
}
