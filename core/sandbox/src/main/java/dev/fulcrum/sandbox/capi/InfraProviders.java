package dev.fulcrum.sandbox.capi;

import java.util.List;
import java.util.Optional;

/** The simulated infrastructure providers, looked up by the group and kind an object reference names. */
final class InfraProviders {

  private final List<InfraKinds> providers;

  InfraProviders(List<InfraKinds> providers) {
    this.providers = List.copyOf(providers);
  }

  List<InfraKinds> all() {
    return providers;
  }

  Optional<InfraKinds> byClusterKind(String group, String kind) {
    return providers.stream().filter(p -> p.group().equals(group) && p.clusterKind().equals(kind)).findFirst();
  }

  Optional<InfraKinds> byMachineKind(String group, String kind) {
    return providers.stream().filter(p -> p.group().equals(group) && p.machineKind().equals(kind)).findFirst();
  }

  Optional<InfraKinds> byTemplateKind(String group, String kind) {
    return providers.stream().filter(p -> p.group().equals(group) && p.machineTemplateKind().equals(kind))
        .findFirst();
  }

  /** Whether a provider object (infrastructure cluster or machine) is provisioned, read per its contract. */
  static boolean provisioned(ApiObject object, InfraKinds kinds) {
    return kinds.contract() == InfraKinds.Contract.V1BETA2
        ? object.flag("/status/initialization/provisioned")
        : object.flag("/status/ready");
  }

  /** Marks a provider object provisioned, in its contract's field. */
  static void markProvisioned(ApiObject object, InfraKinds kinds) {
    if (kinds.contract() == InfraKinds.Contract.V1BETA2) {
      Trees.child(object.status(), "initialization").put("provisioned", true);
    } else {
      object.status().put("ready", true);
    }
  }
}
