/**
 * The management plane's side of the in-cluster agents (DESIGN.md §5): the desired spec an agent pulls, planned as
 * stages of at most one Kubernetes minor each; the reports agents send back; and the per-cluster tokens they
 * authenticate with.
 */
package dev.fulcrum.core.agents;
