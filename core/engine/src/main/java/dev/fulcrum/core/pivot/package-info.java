/**
 * The pivot: moving one cluster's namespace of Cluster API objects between the management cluster and the workload
 * cluster with {@code clusterctl move} semantics, journaled (a crashed move resumes or rolls back and never leaves a
 * cluster paused), verified (every object is accounted for on the target before the source loses anything; an object
 * that fits no graph stops the move) and economical (only the requested providers' kinds are listed, and every API
 * call is counted). {@link dev.fulcrum.core.pivot.ClusterMove} is the entry point.
 */
package dev.fulcrum.core.pivot;
