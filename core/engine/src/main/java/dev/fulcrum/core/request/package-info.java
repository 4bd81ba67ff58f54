/**
 * Reading a {@code WorkloadCluster} request: bounded parsing of YAML or JSON, then every core rule,
 * the provider's settings schemas and the provider's own rules, with all problems reported together
 * by field path. The entry point is {@link dev.fulcrum.core.request.RequestReader}.
 */
package dev.fulcrum.core.request;
