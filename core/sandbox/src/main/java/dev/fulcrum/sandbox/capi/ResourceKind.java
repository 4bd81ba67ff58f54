package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Locale;

/** A namespaced resource type the simulator reads and writes: its group, version, kind and plural. */
record ResourceKind(String group, String version, String kind, String plural) {

  /** A kind of a group at a version, its plural derived the way Cluster API derives CRD names. */
  static ResourceKind of(String group, String version, String kind) {
    return new ResourceKind(group, version, kind, plural(kind));
  }

  /** The group of an {@code apiVersion} ({@code group/version}, or just {@code version} for the core group). */
  static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The name of the CRD serving this kind: {@code <plural>.<group>}. */
  String crdName() {
    return plural + "." + group;
  }

  /** {@code Kind.group}, the form of the {@code cloned-from-groupkind} annotation. */
  String groupKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }

  /** Whether a reference's group and kind (either possibly null) name this kind. */
  boolean is(String apiGroup, String otherKind) {
    return group.equals(apiGroup) && kind.equals(otherKind);
  }

  ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
        .withPlural(plural).withNamespaced(true).build();
  }

  /**
   * English plural of a lower-cased kind, as CRD names use: {@code machine} → {@code machines},
   * {@code policy} → {@code policies}, {@code class} → {@code classes}.
   */
  static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
      return lower + "es";
    }
    if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }
}
