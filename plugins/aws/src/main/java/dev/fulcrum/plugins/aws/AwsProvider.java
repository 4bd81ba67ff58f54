package dev.fulcrum.plugins.aws;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Amazon Web Services through Cluster API Provider AWS (CAPA): {@code AWSCluster} and
 * {@code AWSMachineTemplate}. CAPA's API version is {@code v1beta2}, but it implements the Cluster
 * API v1beta1 contract ({@code status.ready}). Credentials are optional: without a reference CAPA
 * uses its controller's own identity.
 */
@Extension
public final class AwsProvider implements InfrastructureProvider {
  static final String API_VERSION = "infrastructure.cluster.x-k8s.io/v1beta2";
  static final String NODE_USER = "fulcrum";
  static final String SUDO_ALL = "ALL=(ALL) NOPASSWD:ALL";
  /** The instance profiles CAPA's clusterawsadm bootstrap creates, per node role. */
  static final String CONTROL_PLANE_PROFILE = "control-plane.cluster-api-provider-aws.sigs.k8s.io";
  static final String NODES_PROFILE = "nodes.cluster-api-provider-aws.sigs.k8s.io";

  private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(
      "aws",
      "Amazon Web Services (CAPA)",
      API_VERSION,
      "AWSCluster",
      "AWSMachine",
      "AWSMachineTemplate",
      "v1beta1",
      List.of(new ProviderComponent("aws", "InfrastructureProvider", "v2.11.1")),
      CredentialPolicy.optional("AWSClusterStaticIdentity",
          "AWSClusterStaticIdentity", "AWSClusterRoleIdentity", "AWSClusterControllerIdentity"),
      ProviderDescriptor.resource(AwsProvider.class, "infrastructure.schema.json"),
      ProviderDescriptor.resource(AwsProvider.class, "machine.schema.json"));

  @Override
  public ProviderDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public List<FieldError> validate(ClusterRequest request) {
    return AwsValidation.validate(request);
  }

  @Override
  public Manifest infrastructureCluster(ClusterRequest request) {
    Settings infrastructure = request.infrastructure();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("region", infrastructure.string("region").orElseThrow());
    spec.put("sshKeyName", ec2KeyPair(request));
    infrastructure.object("controlPlaneLoadBalancer").string("scheme")
        .ifPresent(scheme -> spec.put("controlPlaneLoadBalancer", Map.of("scheme", scheme)));
    request.cloudAccountRef().ifPresent(ref -> spec.put("identityRef", Map.of("kind", ref.kind(), "name", ref.name())));
    return Manifest.of(API_VERSION, "AWSCluster", spec);
  }

  @Override
  public Manifest machineTemplate(ClusterRequest request, NodePool pool) {
    Settings machine = pool.machine();
    Map<String, Object> instance = new LinkedHashMap<>();
    instance.put("instanceType", machine.string("instanceType").orElseThrow());
    machine.object("ami").string("id").ifPresent(id -> instance.put("ami", Map.of("id", id)));
    machine.integer("rootVolumeSize").ifPresent(size -> instance.put("rootVolume", Map.of("size", size)));
    instance.put("iamInstanceProfile", machine.string("iamInstanceProfile")
        .orElse(pool.role() == NodeRole.CONTROL_PLANE ? CONTROL_PLANE_PROFILE : NODES_PROFILE));
    instance.put("sshKeyName", ec2KeyPair(request));
    return Manifest.of(API_VERSION, "AWSMachineTemplate", Map.of("template", Map.of("spec", instance)));
  }

  /**
   * The EC2 key pair, or "" for none: CAPA reads an omitted name as its "default" key pair, which
   * rarely exists, while the request's own keys arrive through kubeadm users anyway.
   */
  private static String ec2KeyPair(ClusterRequest request) {
    return request.infrastructure().string("sshKeyName").orElse("");
  }

  @Override
  public CloudInit cloudInit(ClusterRequest request, NodePool pool) {
    return CloudInit.sshUser(NODE_USER, SUDO_ALL, request.sshAuthorizedKeys())
        // Provider IDs, addresses and load balancers come from the AWS cloud controller manager.
        .withKubeletExtraArgs(List.of(new CloudInit.Arg("cloud-provider", "external")))
        // The AWS cloud provider matches Nodes to instances by their EC2 private DNS name.
        .withNodeName("{{ ds.meta_data.local_hostname }}");
  }

  /** The AWS cloud controller manager and the EBS CSI driver; both use the nodes' instance profiles. */
  @Override
  public List<AddonLayer> addons(ClusterRequest request) {
    String region = request.infrastructure().string("region").orElseThrow();
    return List.of(
        new AddonLayer.HelmChart("aws-cloud-controller-manager", "kube-system",
            "https://kubernetes.github.io/cloud-provider-aws", "aws-cloud-controller-manager", "0.0.10",
            // CAPA tags the cluster's resources with kubernetes.io/cluster/<cluster name>.
            Map.of("args", List.of("--v=2", "--cloud-provider=aws", "--configure-cloud-routes=false",
                "--cluster-name=" + request.name()))),
        new AddonLayer.HelmChart("aws-ebs-csi-driver", "kube-system",
            "https://kubernetes-sigs.github.io/aws-ebs-csi-driver", "aws-ebs-csi-driver", "2.35.0",
            Map.of("controller", Map.of("region", region))));
  }

}
