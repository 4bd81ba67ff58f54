package dev.fulcrum.spi;

import java.util.List;

/**
 * The cluster's network ({@code spec.network}).
 *
 * @param podCIDRs pod address ranges
 * @param serviceCIDRs service address ranges
 * @param serviceDomain the cluster DNS domain, e.g. {@code cluster.local}
 */
public record ClusterNetwork(List<String> podCIDRs, List<String> serviceCIDRs, String serviceDomain) {
  public ClusterNetwork {
    podCIDRs = List.copyOf(podCIDRs);
    serviceCIDRs = List.copyOf(serviceCIDRs);
  }
}
