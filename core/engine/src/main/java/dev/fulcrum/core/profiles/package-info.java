/**
 * Cluster profiles: layered, versioned add-on sets ({@code ClusterProfile}, {@code fulcrum.dev/v1alpha1})
 * stored in the management cluster, validated when applied, and planned per cluster into the rendered
 * add-on layers an agent applies (step 6).
 */
package dev.fulcrum.core.profiles;
