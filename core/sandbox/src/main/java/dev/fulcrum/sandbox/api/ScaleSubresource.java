package dev.fulcrum.sandbox.api;

/**
 * Where a resource keeps the numbers its {@code /scale} subresource reads and writes, as JSON paths in the
 * CRD notation ({@code .spec.replicas}).
 *
 * @param labelSelectorPath may be null
 */
public record ScaleSubresource(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {

  public static final ScaleSubresource REPLICAS =
      new ScaleSubresource(".spec.replicas", ".status.replicas", null);
}
