/**
 * What the pivot installs into a workload cluster before it moves the cluster's objects there: the Cluster API
 * provider components, read from a local repository laid out like clusterctl's overrides (so it works air-gapped) and
 * applied with {@link dev.fulcrum.core.components.ComponentsInstaller}, and the Fulcrum agent
 * ({@link dev.fulcrum.core.components.AgentManifests}) with its per-cluster credential
 * ({@link dev.fulcrum.core.components.AgentTokens}).
 */
package dev.fulcrum.core.components;
