/**
 * The Fulcrum provider SPI: everything a third party needs to add an infrastructure provider.
 *
 * <p>A provider plugin is a PF4J plugin jar with one {@link org.pf4j.Extension} implementing
 * {@link dev.fulcrum.spi.InfrastructureProvider}. Fulcrum's core renders every provider-agnostic
 * Cluster API object (Cluster, KubeadmControlPlane, MachineDeployment, KubeadmConfigTemplate,
 * MachineHealthCheck) and asks the provider only for what is cloud-specific: its infrastructure
 * cluster, its machine templates, its contribution to cloud-init and the add-ons the cloud needs.
 *
 * <p>Every type here is an immutable value. Object bodies are plain JSON-like trees
 * ({@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Number},
 * {@code Boolean}) so that the SPI depends on nothing but PF4J.
 *
 * <p>The SPI follows semantic versioning ({@link dev.fulcrum.spi.SpiVersion}); a plugin declares the
 * range it needs in its manifest's {@code Plugin-Requires} entry.
 */
package dev.fulcrum.spi;
