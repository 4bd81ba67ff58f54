package dev.fulcrum.sandbox.capi;

import java.util.Objects;

/**
 * The kinds of one infrastructure provider the simulator plays, handed in by whoever starts it (typically from a
 * loaded plugin's descriptor); the sandbox names no provider itself.
 *
 * @param group the API group, e.g. {@code infrastructure.cluster.x-k8s.io}
 * @param version the API version the objects are rendered at (and the CRD stores)
 * @param clusterKind the infrastructure cluster kind
 * @param machineKind the infrastructure machine kind
 * @param machineTemplateKind the infrastructure machine template kind
 * @param contract the Cluster API contract the provider implements: it decides which status fields signal
 *     readiness ({@code status.initialization.provisioned} in v1beta2, {@code status.ready} in v1beta1) and the
 *     shape of conditions
 */
public record InfraKinds(
    String group, String version, String clusterKind, String machineKind, String machineTemplateKind,
    Contract contract) {

  /** A Cluster API contract version. */
  public enum Contract {
    V1BETA1("v1beta1"),
    V1BETA2("v1beta2");

    private final String label;

    Contract(String label) {
      this.label = label;
    }

    /** The contract's name as CRD labels spell it, e.g. {@code v1beta2}. */
    public String label() {
      return label;
    }

    /**
     * The contract named {@code v1beta1} or {@code v1beta2}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Contract of(String label) {
      for (Contract contract : values()) {
        if (contract.label.equals(label)) {
          return contract;
        }
      }
      throw new IllegalArgumentException("contract: \"" + label + "\" is not a Cluster API contract the simulator "
          + "knows; expected v1beta1 or v1beta2");
    }
  }

  /**
   * The kinds of a provider as its descriptor spells them: an {@code apiVersion} ({@code group/version}) and the
   * contract's name.
   *
   * @throws IllegalArgumentException when the apiVersion has no group or the contract is unknown
   */
  public static InfraKinds of(String apiVersion, String clusterKind, String machineKind, String machineTemplateKind,
      String contract) {
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    if (slash <= 0 || slash == apiVersion.length() - 1) {
      throw new IllegalArgumentException("apiVersion: \"" + apiVersion + "\" is not of the form group/version");
    }
    return new InfraKinds(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), clusterKind, machineKind,
        machineTemplateKind, Contract.of(contract));
  }

  public InfraKinds {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(clusterKind, "clusterKind");
    Objects.requireNonNull(machineKind, "machineKind");
    Objects.requireNonNull(machineTemplateKind, "machineTemplateKind");
    Objects.requireNonNull(contract, "contract");
  }

  /** {@code group/version}. */
  public String apiVersion() {
    return group + "/" + version;
  }

  /**
   * The prefix the provider's kinds share (the cluster kind without its trailing {@code Cluster}); kinds of the same
   * group starting with it (identities, failure domains) belong to this provider too.
   */
  String kindPrefix() {
    return clusterKind.endsWith("Cluster") ? clusterKind.substring(0, clusterKind.length() - "Cluster".length())
        : clusterKind;
  }

  /** Whether a kind of {@link #group()} belongs to this provider. */
  boolean owns(String kind) {
    String prefix = kindPrefix();
    return kind.equals(clusterKind) || kind.equals(machineKind) || kind.equals(machineTemplateKind)
        || (!prefix.isEmpty() && kind.startsWith(prefix) && kind.length() > prefix.length()
            && Character.isUpperCase(kind.charAt(prefix.length())));
  }

  ResourceKind clusterResource() {
    return ResourceKind.of(group, version, clusterKind);
  }

  ResourceKind machineResource() {
    return ResourceKind.of(group, version, machineKind);
  }

  ResourceKind machineTemplateResource() {
    return ResourceKind.of(group, version, machineTemplateKind);
  }
}
