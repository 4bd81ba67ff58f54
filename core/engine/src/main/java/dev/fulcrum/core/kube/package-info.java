/**
 * How the engine talks to Kubernetes, through fabric8 only: clients, server-side apply under the
 * {@code fulcrum} field manager, Fulcrum's own CRDs, JSON-tree conversions.
 */
package dev.fulcrum.core.kube;
