package dev.fulcrum.sandbox.components;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fulcrum.sandbox.capi.InfraKinds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes a Cluster API components repository in clusterctl's overrides layout
 * ({@code <root>/<provider-label>/<version>/<file>}) from the CRDs the sandbox's management cluster serves:
 * {@code cluster-api} (core: groups {@code cluster.x-k8s.io}, {@code addons.cluster.x-k8s.io}),
 * {@code bootstrap-kubeadm}, {@code control-plane-kubeadm} and {@code infrastructure-<name>} per provider. Each file
 * also holds the component's Namespace, a ServiceAccount and a Deployment of its upstream controller image, as a
 * release's components file does; the sandbox plays every controller itself.
 */
public final class SandboxComponents {
  /** Cluster API core's controller image repository. */
  public static final String CORE_IMAGE = "registry.k8s.io/cluster-api/cluster-api-controller";
  /** The kubeadm bootstrap provider's controller image repository. */
  public static final String BOOTSTRAP_IMAGE = "registry.k8s.io/cluster-api/kubeadm-bootstrap-controller";
  /** The kubeadm control-plane provider's controller image repository. */
  public static final String CONTROL_PLANE_IMAGE = "registry.k8s.io/cluster-api/kubeadm-control-plane-controller";

  private static final String CAPI_GROUP = "cluster.x-k8s.io";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
          .changeDefaultPropertyInclusion(include -> include.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  /** One component to write. */
  private record Spec(String label, String fileName, String version, String namespace, String prefix, String image) {}

  private SandboxComponents() {}

  /**
   * Writes the repository (replacing files of the same components and versions) and returns {@code root}.
   *
   * @param capiVersion the version of core, kubeadm bootstrap and kubeadm control plane, e.g. {@code v1.14.0}
   * @throws IllegalStateException if the management cluster lacks a component's CRDs
   */
  public static Path write(Path root, KubernetesClient management, List<SandboxProvider> providers,
      String capiVersion) {
    Objects.requireNonNull(root, "root");
    Map<Spec, List<ObjectNode>> crds = new LinkedHashMap<>();
    Spec core = new Spec("cluster-api", "core-components.yaml", capiVersion, "capi-system", "capi", CORE_IMAGE);
    Spec bootstrap = new Spec("bootstrap-kubeadm", "bootstrap-components.yaml", capiVersion,
        "capi-kubeadm-bootstrap-system", "capi-kubeadm-bootstrap", BOOTSTRAP_IMAGE);
    Spec controlPlane = new Spec("control-plane-kubeadm", "control-plane-components.yaml", capiVersion,
        "capi-kubeadm-control-plane-system", "capi-kubeadm-control-plane", CONTROL_PLANE_IMAGE);
    List.of(core, bootstrap, controlPlane).forEach(spec -> crds.put(spec, new ArrayList<>()));
    Map<SandboxProvider, Spec> infra = new LinkedHashMap<>();
    for (SandboxProvider provider : providers) {
      Spec spec = new Spec("infrastructure-" + provider.name(), "infrastructure-components.yaml",
          provider.version(), provider.namespace(), provider.namespace().replaceFirst("-system$", ""),
          provider.image());
      infra.put(provider, spec);
      crds.put(spec, new ArrayList<>());
    }
    List<CustomResourceDefinition> served = new ArrayList<>(
        management.apiextensions().v1().customResourceDefinitions().list().getItems());
    served.sort(Comparator.comparing(crd -> crd.getMetadata().getName()));
    for (CustomResourceDefinition crd : served) {
      String group = crd.getSpec().getGroup();
      String kind = crd.getSpec().getNames().getKind();
      Spec owner = switch (group) {
        case CAPI_GROUP, "addons." + CAPI_GROUP -> core;
        case "bootstrap." + CAPI_GROUP -> bootstrap;
        case "controlplane." + CAPI_GROUP -> controlPlane;
        default -> infra.entrySet().stream().filter(e -> owns(e.getKey().kinds(), group, kind))
            .map(Map.Entry::getValue).findFirst().orElse(null);
      };
      if (owner != null) {
        crds.get(owner).add(portable(management, crd));
      }
    }
    List<String> empty = crds.entrySet().stream().filter(e -> e.getValue().isEmpty())
        .map(e -> e.getKey().label()).toList();
    if (!empty.isEmpty()) {
      throw new IllegalStateException("the management cluster serves no CRDs for " + empty
          + ": install the Cluster API CRDs (CapiCrds) before writing the components repository");
    }
    crds.forEach((spec, definitions) -> writeFile(root, spec, definitions));
    return root;
  }

  /** Whether a CRD of {@code group} and {@code kind} belongs to the provider (its kinds share its prefix). */
  private static boolean owns(InfraKinds kinds, String group, String kind) {
    if (!kinds.group().equals(group)) {
      return false;
    }
    String cluster = kinds.clusterKind();
    String prefix = cluster.endsWith("Cluster") ? cluster.substring(0, cluster.length() - "Cluster".length()) : cluster;
    return kind.equals(cluster) || kind.equals(kinds.machineKind()) || kind.equals(kinds.machineTemplateKind())
        || (!prefix.isEmpty() && kind.startsWith(prefix) && kind.length() > prefix.length()
            && Character.isUpperCase(kind.charAt(prefix.length())));
  }

  /** The CRD as a release file holds it: name, labels, annotations and spec; no server-set fields, no status. */
  private static ObjectNode portable(KubernetesClient client, CustomResourceDefinition crd) {
    ObjectNode tree = client.getKubernetesSerialization().convertValue(crd, ObjectNode.class);
    ObjectNode portable = NODES.objectNode();
    portable.put("apiVersion", "apiextensions.k8s.io/v1");
    portable.put("kind", "CustomResourceDefinition");
    ObjectNode metadata = portable.putObject("metadata");
    metadata.put("name", crd.getMetadata().getName());
    for (String field : List.of("labels", "annotations")) {
      JsonNode value = tree.path("metadata").path(field);
      if (value.isObject()) {
        metadata.set(field, value);
      }
    }
    portable.set("spec", tree.path("spec"));
    return portable;
  }

  private static void writeFile(Path root, Spec spec, List<ObjectNode> crds) {
    List<ObjectNode> documents = new ArrayList<>();
    documents.add(object("v1", "Namespace", spec.namespace(), null));
    documents.addAll(crds);
    String account = spec.prefix() + "-manager";
    documents.add(object("v1", "ServiceAccount", account, spec.namespace()));
    documents.add(deployment(spec, account));
    Path file = root.resolve(spec.label()).resolve(spec.version()).resolve(spec.fileName());
    StringWriter text = new StringWriter();
    try (SequenceWriter writer = YAML.writer().writeValues(text)) {
      for (ObjectNode document : documents) {
        writer.write(document);
      }
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the components file " + file, e);
    }
  }

  private static ObjectNode deployment(Spec spec, String account) {
    ObjectNode deployment = object("apps/v1", "Deployment", spec.prefix() + "-controller-manager", spec.namespace());
    ObjectNode selector = NODES.objectNode().put("cluster.x-k8s.io/provider", spec.label());
    ObjectNode body = deployment.putObject("spec");
    body.put("replicas", 1);
    body.putObject("selector").set("matchLabels", selector);
    ObjectNode template = body.putObject("template");
    template.putObject("metadata").set("labels", selector.deepCopy());
    ObjectNode pod = template.putObject("spec");
    pod.put("serviceAccountName", account);
    ObjectNode manager = pod.putArray("containers").addObject();
    manager.put("name", "manager"); // the clusterctl provider contract names the controller container "manager"
    manager.put("image", spec.image() + ":" + spec.version());
    manager.putArray("args").add("--leader-elect");
    return deployment;
  }

  private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
    ObjectNode object = NODES.objectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    return object;
  }
}
