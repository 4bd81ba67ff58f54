package dev.fulcrum.plugins.vsphere;

import dev.fulcrum.spi.AddonLayer;
import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.CredentialPolicy;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.Manifest;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.NodeRole;
import dev.fulcrum.spi.ProviderComponent;
import dev.fulcrum.spi.ProviderDescriptor;
import dev.fulcrum.spi.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * VMware vSphere through Cluster API Provider vSphere (CAPV): {@code VSphereCluster} and
 * {@code VSphereMachineTemplate} at {@code infrastructure.cluster.x-k8s.io/v1beta2}. The control
 * plane's endpoint is a user-chosen virtual IP held by kube-vip; nodes get DHCP addresses on one
 * port group; credentials are a reference to a {@code Secret} (username/password) or a
 * {@code VSphereClusterIdentity}.
 */
@Extension
public final class VSphereProvider implements InfrastructureProvider {
  static final String API_VERSION = "infrastructure.cluster.x-k8s.io/v1beta2";
  static final String NODE_USER = "capv";
  static final String SUDO_ALL = "ALL=(ALL) NOPASSWD:ALL";
  static final long DEFAULT_API_PORT = 6443;

  /**
   * CAPV names each VM after its Machine and passes that name as guest metadata; cloud-init's
   * jinja rendering (CABPK's cloud-config is a jinja template) makes it the node's host name.
   */
  private static final List<String> HOSTNAME_COMMANDS = List.of(
      "hostnamectl set-hostname \"{{ ds.meta_data.hostname }}\"",
      "echo \"::1         ipv6-localhost ipv6-loopback localhost6 localhost6.localdomain6\" >/etc/hosts",
      "echo \"127.0.0.1   {{ ds.meta_data.hostname }} {{ local_hostname }} localhost localhost.localdomain"
          + " localhost4 localhost4.localdomain4\" >>/etc/hosts");

  private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(
      "vsphere",
      "VMware vSphere (CAPV)",
      API_VERSION,
      "VSphereCluster",
      "VSphereMachine",
      "VSphereMachineTemplate",
      "v1beta2",
      List.of(new ProviderComponent("vsphere", "InfrastructureProvider", "v1.16.1")),
      CredentialPolicy.required("Secret", "Secret", "VSphereClusterIdentity"),
      ProviderDescriptor.resource(VSphereProvider.class, "infrastructure.schema.json"),
      ProviderDescriptor.resource(VSphereProvider.class, "machine.schema.json"));

  private static final KubeVip KUBE_VIP = new KubeVip(
      ProviderDescriptor.resource(VSphereProvider.class, "kube-vip.yaml"),
      ProviderDescriptor.resource(VSphereProvider.class, "kube-vip-prepare.sh"));

  @Override
  public ProviderDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public List<FieldError> validate(ClusterRequest request) {
    return VSphereValidation.validate(request);
  }

  @Override
  public Manifest infrastructureCluster(ClusterRequest request) {
    Settings infrastructure = request.infrastructure();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("server", infrastructure.string("server").orElseThrow());
    infrastructure.string("thumbprint").ifPresent(thumbprint -> spec.put("thumbprint", thumbprint));
    Settings endpoint = infrastructure.object("controlPlaneEndpoint");
    spec.put("controlPlaneEndpoint", Map.of(
        "host", endpoint.string("host").orElseThrow(),
        "port", endpoint.integer("port").orElse(DEFAULT_API_PORT)));
    request.cloudAccountRef().ifPresent(ref -> spec.put("identityRef", Map.of("kind", ref.kind(), "name", ref.name())));
    return Manifest.of(API_VERSION, "VSphereCluster", spec);
  }

  @Override
  public Manifest machineTemplate(ClusterRequest request, NodePool pool) {
    Settings infrastructure = request.infrastructure();
    Settings machine = pool.machine();
    Map<String, Object> vm = new LinkedHashMap<>();
    vm.put("server", infrastructure.string("server").orElseThrow());
    infrastructure.string("thumbprint").ifPresent(value -> vm.put("thumbprint", value));
    vm.put("datacenter", infrastructure.string("datacenter").orElseThrow());
    vm.put("datastore", infrastructure.string("datastore").orElseThrow());
    infrastructure.string("folder").ifPresent(value -> vm.put("folder", value));
    infrastructure.string("resourcePool").ifPresent(value -> vm.put("resourcePool", value));
    infrastructure.string("storagePolicyName").ifPresent(value -> vm.put("storagePolicyName", value));
    vm.put("network", Map.of("devices", List.of(Map.of(
        "networkName", infrastructure.string("network").orElseThrow(), "dhcp4", true))));
    vm.put("template", machine.string("template").or(() -> infrastructure.string("template")).orElseThrow());
    // A linked clone is fast but keeps the template's disk, so a requested disk size needs a full clone.
    vm.put("cloneMode", machine.has("diskGiB") ? "fullClone" : "linkedClone");
    machine.integer("numCPUs").ifPresent(value -> vm.put("numCPUs", value));
    machine.integer("memoryMiB").ifPresent(value -> vm.put("memoryMiB", value));
    machine.integer("diskGiB").ifPresent(value -> vm.put("diskGiB", value));
    vm.put("os", "Linux");
    vm.put("powerOffMode", "trySoft");
    return Manifest.of(API_VERSION, "VSphereMachineTemplate", Map.of("template", Map.of("spec", vm)));
  }

  @Override
  public CloudInit cloudInit(ClusterRequest request, NodePool pool) {
    List<CloudInit.File> files = List.of();
    List<String> preKubeadmCommands = new ArrayList<>(HOSTNAME_COMMANDS);
    if (pool.role() == NodeRole.CONTROL_PLANE) {
      Settings endpoint = request.infrastructure().object("controlPlaneEndpoint");
      CloudInit kubeVip = KUBE_VIP.controlPlaneNodes(
          endpoint.string("host").orElseThrow(), endpoint.integer("port").orElse(DEFAULT_API_PORT),
          request.kubernetesVersion());
      files = kubeVip.files();
      preKubeadmCommands.addAll(kubeVip.preKubeadmCommands());
    }
    return CloudInit.sshUser(NODE_USER, SUDO_ALL, request.sshAuthorizedKeys())
        .withFiles(files)
        .withPreKubeadmCommands(preKubeadmCommands)
        // Node addresses and provider IDs come from the vSphere cloud provider (see addons()).
        .withKubeletExtraArgs(List.of(new CloudInit.Arg("cloud-provider", "external")))
        // The VM's guest host name, which CAPV sets from the Machine name (see preKubeadmCommands).
        .withNodeName("{{ local_hostname }}");
  }

  /**
   * The vSphere cloud provider (CPI) and CSI driver. Their values name the vCenter and datacenter
   * only: the vCenter credentials they need ({@code vsphere-cloud-secret} in {@code kube-system} and
   * the CSI driver's configuration Secret) are supplied from the cloud account, never rendered here.
   */
  @Override
  public List<AddonLayer> addons(ClusterRequest request) {
    Settings infrastructure = request.infrastructure();
    String server = infrastructure.string("server").orElseThrow();
    String datacenter = infrastructure.string("datacenter").orElseThrow();

    Map<String, Object> cpiConfig = new LinkedHashMap<>();
    cpiConfig.put("enabled", true);
    cpiConfig.put("vcenter", server);
    cpiConfig.put("datacenter", datacenter);
    infrastructure.string("thumbprint").ifPresent(value -> cpiConfig.put("thumbprint", value));

    Map<String, Object> vcenter = new LinkedHashMap<>();
    vcenter.put("server", server);
    vcenter.put("datacenters", List.of(datacenter));
    infrastructure.string("thumbprint").ifPresent(value -> vcenter.put("thumbprint", value));

    return List.of(
        new AddonLayer.HelmChart("vsphere-cpi", "kube-system", "https://kubernetes.github.io/cloud-provider-vsphere",
            "vsphere-cpi", "1.33.0", Map.of("config", cpiConfig)),
        new AddonLayer.HelmChart("vsphere-csi", "vmware-system-csi", "https://vsphere-tmm.github.io/helm-charts",
            "vsphere-csi", "3.8.0", Map.of("global", Map.of("config", Map.of(
                "global", Map.of("cluster-id", request.namespace() + "/" + request.name()),
                "vcenter", Map.of(server, vcenter))))));
  }

}
