/**
 * The sandbox's own Cluster API components repository: it has no internet and no upstream release files, so it writes
 * one, laid out like clusterctl's overrides, from the CRDs it serves in its management cluster.
 */
package dev.fulcrum.sandbox.components;
