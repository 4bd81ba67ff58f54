package dev.fulcrum.plugins.vsphere;

import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.NodeRole;
import dev.fulcrum.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The vSphere rules the JSON schemas cannot express. */
final class VSphereValidation {
  private static final Pattern SHA1_THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){19}");
  /** kubeadm's preflight check refuses control-plane nodes with less memory (1700 MB). */
  private static final long MIN_CONTROL_PLANE_MEMORY_MIB = 2048;

  private VSphereValidation() {}

  static List<FieldError> validate(ClusterRequest request) {
    List<FieldError> errors = new ArrayList<>();
    Settings infrastructure = request.infrastructure();
    infrastructure.string("thumbprint")
        .filter(thumbprint -> !SHA1_THUMBPRINT.matcher(thumbprint).matches())
        .ifPresent(thumbprint -> errors.add(new FieldError("spec.infrastructure.thumbprint",
            "must be the SHA-1 fingerprint of the vCenter certificate as 20 colon-separated hex pairs, "
                + "e.g. 5D:01:06:A7:0A:24:34:B4:5F:E6:2A:F7:F3:A0:D2:1B:3A:9D:CC:72")));
    infrastructure.object("controlPlaneEndpoint").string("host")
        .ifPresent(host -> validateVirtualIp(host, request, errors));
    for (NodePool pool : request.allPools()) {
      if (pool.role() == NodeRole.CONTROL_PLANE) {
        pool.machine().integer("memoryMiB")
            .filter(memory -> memory < MIN_CONTROL_PLANE_MEMORY_MIB)
            .ifPresent(memory -> errors.add(new FieldError(pool.path() + ".machine.memoryMiB",
                "control-plane VMs need at least " + MIN_CONTROL_PLANE_MEMORY_MIB + " MiB (kubeadm refuses less), got "
                    + memory)));
      }
    }
    return errors;
  }

  private static void validateVirtualIp(String host, ClusterRequest request, List<FieldError> errors) {
    String path = "spec.infrastructure.controlPlaneEndpoint.host";
    Optional<byte[]> address = IpAddresses.parse(host);
    if (address.isEmpty()) {
      errors.add(new FieldError(path,
          "must be an IP address: kube-vip announces it as the control plane's virtual IP (got '" + host + "')"));
      return;
    }
    Stream.concat(request.network().podCIDRs().stream(), request.network().serviceCIDRs().stream())
        .filter(cidr -> IpAddresses.contains(cidr, address.get()))
        .findFirst()
        .ifPresent(cidr -> errors.add(new FieldError(path,
            host + " lies inside the cluster's own range " + cidr + "; pick a free address on the VM network")));
  }
}
