package dev.fulcrum.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What a provider is and what it renders.
 *
 * @param id the id requests name in {@code spec.provider}, e.g. {@code vsphere}; lower case
 * @param displayName a human-readable name, e.g. {@code VMware vSphere}
 * @param apiVersion the API version of the infrastructure kinds it renders, e.g.
 *     {@code infrastructure.cluster.x-k8s.io/v1beta2}
 * @param clusterKind the infrastructure cluster kind, e.g. {@code VSphereCluster}
 * @param machineKind the infrastructure machine kind cloned from its templates, e.g. {@code VSphereMachine}
 * @param machineTemplateKind the machine template kind, e.g. {@code VSphereMachineTemplate}
 * @param contract the Cluster API contract its objects implement: {@code v1beta2} (status
 *     {@code initialization.provisioned}) or {@code v1beta1} (status {@code ready})
 * @param components the Cluster API provider components a cluster needs at pivot, besides core,
 *     kubeadm bootstrap and kubeadm control plane
 * @param credentials how the provider takes cloud credentials
 * @param clusterSettingsSchema JSON Schema (2020-12) of {@code spec.infrastructure}
 * @param machineSettingsSchema JSON Schema (2020-12) of a pool's {@code machine}
 */
public record ProviderDescriptor(
    String id,
    String displayName,
    String apiVersion,
    String clusterKind,
    String machineKind,
    String machineTemplateKind,
    String contract,
    List<ProviderComponent> components,
    CredentialPolicy credentials,
    String clusterSettingsSchema,
    String machineSettingsSchema) {

  public ProviderDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(clusterKind, "clusterKind");
    Objects.requireNonNull(machineKind, "machineKind");
    Objects.requireNonNull(machineTemplateKind, "machineTemplateKind");
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(clusterSettingsSchema, "clusterSettingsSchema");
    Objects.requireNonNull(machineSettingsSchema, "machineSettingsSchema");
    components = List.copyOf(components);
    if (!id.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("provider id must be lower-case letters, digits and '-': " + id);
    }
    if (!contract.equals("v1beta1") && !contract.equals("v1beta2")) {
      throw new IllegalArgumentException("contract must be v1beta1 or v1beta2: " + contract);
    }
  }

  /**
   * Reads a UTF-8 resource next to a class, typically a settings schema shipped in the plugin jar.
   *
   * @param anchor a class of the plugin; the resource name is relative to its package
   * @param name the resource name, e.g. {@code infrastructure.schema.json}
   * @throws IllegalStateException if the resource is missing
   */
  public static String resource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " next to " + anchor.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API group of the infrastructure kinds, e.g. {@code infrastructure.cluster.x-k8s.io}. */
  public String apiGroup() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
