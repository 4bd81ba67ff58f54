package dev.fulcrum.sandbox.capi;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates what a Machine is made of, for the owners that create machines (KubeadmControlPlane, MachineSet): the
 * Machine itself, its infrastructure machine cloned from a template (with the {@code cloned-from} annotations) and
 * its KubeadmConfig. The Machine is created first and owns the other two, so an interrupted creation is completed
 * by the owner's next reconcile instead of leaving orphans.
 */
final class MachineParts {

  /** Kubernetes' name-suffix alphabet: no vowels, no look-alike digits. */
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SimContext ctx;

  MachineParts(SimContext ctx) {
    this.ctx = ctx;
  }

  /** {@code <prefix>-<5 random characters>}, as the API server's generateName would produce. */
  static String newName(String prefix) {
    StringBuilder name = new StringBuilder(prefix).append('-');
    for (int i = 0; i < 5; i++) {
      name.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
    }
    return name.toString();
  }

  /** A Machine spec referring to a KubeadmConfig and an infrastructure machine both named like the Machine. */
  static ObjectNode machineSpec(String clusterName, String version, String name, InfraKinds infra) {
    ObjectNode spec = Trees.object();
    spec.put("clusterName", clusterName);
    if (version != null) {
      spec.put("version", version);
    }
    spec.putObject("bootstrap").putObject("configRef").put("apiGroup", Capi.BOOTSTRAP_GROUP)
        .put("kind", Capi.KUBEADM_CONFIG.kind()).put("name", name);
    spec.putObject("infrastructureRef").put("apiGroup", infra.group()).put("kind", infra.machineKind())
        .put("name", name);
    return spec;
  }

  /** Creates a Machine controlled by {@code owner}. */
  ApiObject createMachine(ApiObject owner, String name, Map<String, String> labels, Map<String, String> annotations,
      ObjectNode spec) {
    ApiObject machine = ApiObject.create(Capi.MACHINE, owner.namespace(), name);
    new TreeMap<>(labels).forEach(machine::label);
    new TreeMap<>(annotations).forEach(machine::annotate);
    machine.ensureOwner(owner, true);
    machine.json().set("spec", spec);
    return ctx.api.create(Capi.MACHINE, machine);
  }

  /**
   * Creates the Machine's infrastructure machine from {@code template} (an infrastructure machine template) unless
   * it exists; false when the template does not exist.
   */
  boolean ensureInfraMachine(ApiObject machine, InfraKinds infra, String templateName, Map<String, String> labels) {
    String name = machine.text("/spec/infrastructureRef/name");
    if (name == null || ctx.api.get(infra.machineResource(), machine.namespace(), name).isPresent()) {
      return true;
    }
    Optional<ApiObject> template = ctx.api.get(infra.machineTemplateResource(), machine.namespace(), templateName);
    if (template.isEmpty()) {
      return false;
    }
    ApiObject infraMachine = clone(template.get(), infra.machineResource(), machine, name, labels);
    ctx.api.createIfMissing(infra.machineResource(), infraMachine);
    return true;
  }

  /** Creates the Machine's KubeadmConfig from {@code configSpec} unless it exists. */
  void ensureBootstrapConfig(ApiObject machine, JsonNode configSpec, Map<String, String> labels,
      Map<String, String> annotations) {
    String name = machine.text("/spec/bootstrap/configRef/name");
    if (name == null || ctx.api.get(Capi.KUBEADM_CONFIG, machine.namespace(), name).isPresent()) {
      return;
    }
    ApiObject config = ApiObject.create(Capi.KUBEADM_CONFIG, machine.namespace(), name);
    new TreeMap<>(labels).forEach(config::label);
    new TreeMap<>(annotations).forEach(config::annotate);
    config.ensureOwner(machine, true);
    if (configSpec.isObject() && !configSpec.isEmpty()) {
      config.json().set("spec", configSpec.deepCopy());
    }
    ctx.api.createIfMissing(Capi.KUBEADM_CONFIG, config);
  }

  /**
   * Creates the Machine's KubeadmConfig from a KubeadmConfigTemplate unless it exists; false when the template does
   * not exist.
   */
  boolean ensureBootstrapConfigFromTemplate(ApiObject machine, String templateName, Map<String, String> labels) {
    String name = machine.text("/spec/bootstrap/configRef/name");
    if (name == null || ctx.api.get(Capi.KUBEADM_CONFIG, machine.namespace(), name).isPresent()) {
      return true;
    }
    Optional<ApiObject> template = ctx.api.get(Capi.KUBEADM_CONFIG_TEMPLATE, machine.namespace(), templateName);
    if (template.isEmpty()) {
      return false;
    }
    ctx.api.createIfMissing(Capi.KUBEADM_CONFIG, clone(template.get(), Capi.KUBEADM_CONFIG, machine, name, labels));
    return true;
  }

  /**
   * An object of {@code kind} made from a template's {@code spec.template}: its labels, annotations and spec, the
   * {@code cloned-from} annotations, and the Machine as controller owner.
   */
  private static ApiObject clone(ApiObject template, ResourceKind kind, ApiObject machine, String name,
      Map<String, String> labels) {
    ApiObject clone = ApiObject.create(kind, machine.namespace(), name);
    Map<String, String> allLabels = (Trees.stringMap(template.at("/spec/template/metadata/labels")));
    allLabels.putAll(labels);
    allLabels.forEach(clone::label);
    Map<String, String> annotations = (Trees.stringMap(template.at("/spec/template/metadata/annotations")));
    annotations.put(Capi.CLONED_FROM_NAME, template.name());
    String group = ResourceKind.groupOf(template.apiVersion());
    annotations.put(Capi.CLONED_FROM_GROUP_KIND, group.isEmpty() ? template.kind() : template.kind() + "." + group);
    annotations.forEach(clone::annotate);
    clone.ensureOwner(machine, true);
    JsonNode spec = template.at("/spec/template/spec");
    if (spec.isObject() && !spec.isEmpty()) {
      clone.json().set("spec", spec.deepCopy());
    }
    return clone;
  }
}
