/**
 * The {@code WorkloadCluster} custom resource as the engine's state store: access to the stored
 * clusters, their status (conditions, step, phase) and their workload kubeconfigs.
 */
package dev.fulcrum.core.cluster;
