package dev.fulcrum.sandbox.api;

import dev.fulcrum.sandbox.store.GroupResource;
import java.util.List;
import dev.fulcrum.sandbox.schema.StructuralSchema;
import tools.jackson.databind.JsonNode;

/**
 * One served resource of one group-version, with everything discovery publishes and the semantics the
 * sandbox applies to its objects.
 *
 * @param scale the scale subresource, or null when the resource has none
 * @param tracksGeneration whether {@code metadata.generation} is maintained (bumped on changes outside
 *     metadata and status)
 * @param custom the custom-resource definition facts, or null for a built-in kind
 */
public record ResourceType(
    String group,
    String version,
    String resource,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    boolean statusSubresource,
    ScaleSubresource scale,
    boolean tracksGeneration,
    CustomResource custom) {

  public static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  public ResourceType {
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
  }

  public GroupResource groupResource() {
    return new GroupResource(group, resource);
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String listKind() {
    return custom != null && custom.listKind() != null ? custom.listKind() : kind + "List";
  }

  public boolean isCustom() {
    return custom != null;
  }

  public boolean is(String group, String resource) {
    return this.group.equals(group) && this.resource.equals(resource);
  }

  /**
   * Facts a CRD gives about its resource.
   *
   * @param crdName the CRD's {@code metadata.name} ({@code <plural>.<group>})
   * @param listKind the CRD's {@code names.listKind}, or null for the default
   * @param schema the version's {@code openAPIV3Schema}, or null when none is declared
   * @param structuralSchema the compiled schema, or null when none is declared
   * @param printerColumns the version's {@code additionalPrinterColumns} (may be empty)
   */
  public record CustomResource(String crdName, String listKind, JsonNode schema, StructuralSchema structuralSchema,
      JsonNode printerColumns) {}
}
