package dev.fulcrum.plugins.azure;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Microsoft Azure through Cluster API Provider Azure (CAPZ): {@code AzureCluster} and
 * {@code AzureMachineTemplate} at {@code infrastructure.cluster.x-k8s.io/v1beta1}, the Cluster API
 * v1beta1 contract. Credentials are required: a reference to an {@code AzureClusterIdentity} in
 * the cluster's namespace (CAPZ looks the identity up there when the reference names no namespace).
 */
@Extension
public final class AzureProvider implements InfrastructureProvider {
  static final String API_VERSION = "infrastructure.cluster.x-k8s.io/v1beta1";
  static final String NODE_USER = "fulcrum";
  static final String SUDO_ALL = "ALL=(ALL) NOPASSWD:ALL";
  static final long DEFAULT_OS_DISK_GB = 128;

  private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(
      "azure",
      "Microsoft Azure (CAPZ)",
      API_VERSION,
      "AzureCluster",
      "AzureMachine",
      "AzureMachineTemplate",
      "v1beta1",
      List.of(new ProviderComponent("azure", "InfrastructureProvider", "v1.26.0")),
      CredentialPolicy.required("AzureClusterIdentity", "AzureClusterIdentity"),
      ProviderDescriptor.resource(AzureProvider.class, "infrastructure.schema.json"),
      ProviderDescriptor.resource(AzureProvider.class, "machine.schema.json"));

  @Override
  public ProviderDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public List<FieldError> validate(ClusterRequest request) {
    return AzureValidation.validate(request);
  }

  @Override
  public Manifest infrastructureCluster(ClusterRequest request) {
    Settings infrastructure = request.infrastructure();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("location", infrastructure.string("location").orElseThrow());
    spec.put("subscriptionID", infrastructure.string("subscriptionID").orElseThrow());
    spec.put("resourceGroup", infrastructure.string("resourceGroup").orElse(request.name()));
    request.cloudAccountRef().ifPresent(ref -> spec.put("identityRef", Map.of(
        "apiVersion", API_VERSION, "kind", ref.kind(), "name", ref.name())));
    return Manifest.of(API_VERSION, "AzureCluster", spec);
  }

  @Override
  public Manifest machineTemplate(ClusterRequest request, NodePool pool) {
    Settings machine = pool.machine();
    Map<String, Object> vm = new LinkedHashMap<>();
    vm.put("vmSize", machine.string("vmSize").orElseThrow());
    vm.put("osDisk", Map.of(
        "osType", "Linux", "diskSizeGB", machine.integer("osDiskSizeGB").orElse(DEFAULT_OS_DISK_GB)));
    if (!request.sshAuthorizedKeys().isEmpty()) {
      // Without a key CAPZ generates a throw-away one; base64 of authorized_keys lines, as CAPZ expects.
      String authorizedKeys = String.join("\n", request.sshAuthorizedKeys()) + "\n";
      vm.put("sshPublicKey", Base64.getEncoder().encodeToString(authorizedKeys.getBytes(StandardCharsets.UTF_8)));
    }
    return Manifest.of(API_VERSION, "AzureMachineTemplate", Map.of("template", Map.of("spec", vm)));
  }

  @Override
  public CloudInit cloudInit(ClusterRequest request, NodePool pool) {
    // CAPZ writes the cloud provider configuration into a Secret named after each machine template;
    // the kubelet and the cloud controller manager read it from /etc/kubernetes/azure.json.
    String azureJsonKey = pool.role() == NodeRole.CONTROL_PLANE ? "control-plane-azure.json" : "worker-node-azure.json";
    CloudInit.File azureJson = CloudInit.File.fromSecret("/etc/kubernetes/azure.json",
        new CloudInit.SecretKey(CloudInit.SecretKey.MACHINE_TEMPLATE + "-azure-json", azureJsonKey), "0644", "root:root");
    // CAPZ's sshPublicKey serves only its own admin user; this gives every node one sudo user
    // that accepts every key of the request, as on the other clouds.
    return CloudInit.sshUser(NODE_USER, SUDO_ALL, request.sshAuthorizedKeys())
        .withFiles(List.of(azureJson))
        .withKubeletExtraArgs(List.of(new CloudInit.Arg("cloud-provider", "external")))
        .withNodeName("{{ ds.meta_data[\"local_hostname\"] }}");
  }

  /** The Azure cloud controller manager and the Azure Disk CSI driver. */
  @Override
  public List<AddonLayer> addons(ClusterRequest request) {
    return List.of(
        new AddonLayer.HelmChart("cloud-provider-azure", "kube-system",
            "https://raw.githubusercontent.com/kubernetes-sigs/cloud-provider-azure/master/helm/repo",
            "cloud-provider-azure", "1.31.0",
            Map.of(
                "infra", Map.of("clusterName", request.name()),
                "cloudControllerManager", Map.of("clusterCIDR", String.join(",", request.network().podCIDRs())))),
        new AddonLayer.HelmChart("azuredisk-csi-driver", "kube-system",
            "https://raw.githubusercontent.com/kubernetes-sigs/azuredisk-csi-driver/master/charts",
            "azuredisk-csi-driver", "1.33.5", Map.of()));
  }

}
