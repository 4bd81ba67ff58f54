/**
 * The engine: the {@link dev.fulcrum.core.engine.ClusterReconciler} that runs the steps for every
 * WorkloadCluster (level-based, crash-safe), deletion, events, and the wired
 * {@link dev.fulcrum.core.engine.Engine}.
 */
package dev.fulcrum.core.engine;
