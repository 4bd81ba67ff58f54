package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Installs the CRDs the {@link CapiSimulator} needs, in one of two modes:
 * <ul>
 *   <li><b>upstream</b>: from a directory of upstream CRD files (the {@code config/crd/bases} files, or a clusterctl
 *       components repository): every Cluster API CRD and every CRD of the given infrastructure providers found
 *       there, with the labels release manifests add (the contract labels {@code cluster.x-k8s.io/<contract>},
 *       through which Cluster API resolves references, and {@code clusterctl.cluster.x-k8s.io}, through which
 *       {@code clusterctl move} discovers kinds). Labels a CRD already carries are kept.</li>
 *   <li><b>minimal</b>: without a directory, Fulcrum's own CRDs generated from a small table of facts (group, kind,
 *       plural, short names, scope, served and storage version, status and scale subresources) for the Cluster API
 *       kinds and the given infrastructure kinds, with schemas that accept any fields, and the same labels.</li>
 * </ul>
 * The product carries no copy of an upstream CRD.
 */
public final class CapiCrds {

  private static final Logger LOG = LoggerFactory.getLogger(CapiCrds.class);
  private static final String CONTRACT_LABEL_PREFIX = "cluster.x-k8s.io/";
  private static final String CLUSTERCTL_LABEL = "clusterctl.cluster.x-k8s.io";
  private static final Set<String> CAPI_GROUPS = Set.of(Capi.CORE_GROUP, Capi.CONTROL_PLANE_GROUP,
      Capi.BOOTSTRAP_GROUP, Capi.ADDONS_GROUP);
  private static final long ESTABLISH_SECONDS = 30;

  /** How the CRDs were installed. */
  public enum Mode {
    /** From upstream CRD files. */
    UPSTREAM,
    /** Fulcrum's own minimal CRDs. */
    MINIMAL
  }

  /** What {@link #install} did: the mode and the names of the CRDs installed or updated, sorted. */
  public record Installed(Mode mode, List<String> crdNames) {
    public Installed {
      crdNames = List.copyOf(crdNames);
    }
  }

  /** A Cluster API kind's CRD facts. */
  private record Fact(String group, String kind, List<String> shortNames, boolean status, boolean scale) {}

  /** The Cluster API kinds, as their upstream CRDs declare them (storage version v1beta2, namespaced). */
  private static final List<Fact> CAPI_KINDS = List.of(
      new Fact(Capi.CORE_GROUP, "Cluster", List.of("cl"), true, false),
      new Fact(Capi.CORE_GROUP, "Machine", List.of("ma"), true, false),
      new Fact(Capi.CORE_GROUP, "MachineSet", List.of("ms"), true, true),
      new Fact(Capi.CORE_GROUP, "MachineDeployment", List.of("md"), true, true),
      new Fact(Capi.CORE_GROUP, "MachineHealthCheck", List.of("mhc", "mhcs"), true, false),
      new Fact(Capi.CONTROL_PLANE_GROUP, "KubeadmControlPlane", List.of("kcp"), true, true),
      new Fact(Capi.BOOTSTRAP_GROUP, "KubeadmConfig", List.of(), true, false),
      new Fact(Capi.BOOTSTRAP_GROUP, "KubeadmConfigTemplate", List.of(), false, false),
      new Fact(Capi.ADDONS_GROUP, "ClusterResourceSet", List.of(), true, false),
      new Fact(Capi.ADDONS_GROUP, "ClusterResourceSetBinding", List.of(), false, false));

  private CapiCrds() {}

  /**
   * Installs (or updates) the CRDs and waits until each is established.
   *
   * @param upstreamCrdsDir a directory of upstream CRD YAML files (searched recursively); empty for minimal CRDs
   * @throws IllegalArgumentException when the directory lacks a CRD the simulator needs
   */
  public static Installed install(KubernetesClient client, List<InfraKinds> infraKinds,
      Optional<Path> upstreamCrdsDir) {
    Objects.requireNonNull(client, "client");
    List<InfraKinds> providers = List.copyOf(infraKinds);
    Mode mode = upstreamCrdsDir.isPresent() ? Mode.UPSTREAM : Mode.MINIMAL;
    List<ObjectNode> crds;
    if (upstreamCrdsDir.isPresent()) {
      LOG.info("installing Cluster API CRDs from {} (upstream mode)", upstreamCrdsDir.get());
      crds = upstream(upstreamCrdsDir.get(), providers);
    } else {
      LOG.info("no CRD directory given: installing Fulcrum's minimal Cluster API CRDs (minimal mode)");
      crds = minimal(providers);
    }
    List<String> names = new ArrayList<>();
    for (ObjectNode crd : crds) {
      names.add(apply(client, crd));
    }
    for (String name : names) {
      client.apiextensions().v1().customResourceDefinitions().withName(name)
          .waitUntilCondition(CapiCrds::established, ESTABLISH_SECONDS, TimeUnit.SECONDS);
    }
    names.sort(null);
    return new Installed(mode, names);
  }

  /** The upstream CRDs under {@code dir} that the simulated providers use, labelled. */
  private static List<ObjectNode> upstream(Path dir, List<InfraKinds> providers) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("the CRD directory " + dir + " does not exist");
    }
    Map<String, ObjectNode> selected = new TreeMap<>();
    for (ObjectNode crd : read(dir)) {
      String group = crd.at("/spec/group").stringValue("");
      String kind = crd.at("/spec/names/kind").stringValue("");
      if (CAPI_GROUPS.contains(group)) {
        label(crd, InfraKinds.Contract.V1BETA2, Capi.VERSION);
      } else {
        Optional<InfraKinds> provider = providers.stream()
            .filter(p -> p.group().equals(group) && p.owns(kind)).findFirst();
        if (provider.isEmpty()) {
          continue;
        }
        label(crd, provider.get().contract(), provider.get().version());
      }
      selected.put(crd.at("/metadata/name").stringValue(""), crd);
    }
    List<String> missing = new ArrayList<>();
    for (ResourceKind needed : Capi.simulatedKinds(providers)) {
      if (!selected.containsKey(needed.crdName())) {
        missing.add(needed.crdName());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the CRD directory " + dir + " lacks CRDs the simulator needs: " + missing);
    }
    return new ArrayList<>(selected.values());
  }

  /**
   * The labels a release manifest carries. A CRD implementing contract v1beta2 maps it to the version that
   * implements it and contract v1beta1 to its other versions; a v1beta1-contract CRD maps v1beta1 to all its
   * versions (as CAPA's {@code v1beta1_v1beta2}). Contract labels a CRD already has are kept.
   */
  private static void label(ObjectNode crd, InfraKinds.Contract contract, String implementingVersion) {
    ObjectNode labels = Trees.child(Trees.child(crd, "metadata"), "labels");
    labels.put(CLUSTERCTL_LABEL, "");
    boolean labelled = false;
    for (String key : labels.propertyNames()) {
      labelled |= key.startsWith(CONTRACT_LABEL_PREFIX + "v1beta");
    }
    if (labelled) {
      return;
    }
    Set<String> versions = new TreeSet<>();
    crd.at("/spec/versions").forEach(version -> versions.add(version.path("name").stringValue("")));
    if (contract == InfraKinds.Contract.V1BETA2) {
      labels.put(CONTRACT_LABEL_PREFIX + contract.label(), implementingVersion);
      versions.remove(implementingVersion);
      if (!versions.isEmpty()) {
        labels.put(CONTRACT_LABEL_PREFIX + InfraKinds.Contract.V1BETA1.label(), String.join("_", versions));
      }
    } else {
      labels.put(CONTRACT_LABEL_PREFIX + contract.label(), String.join("_", versions));
    }
  }

  private static List<ObjectNode> read(Path dir) {
    List<ObjectNode> crds = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
          .toList()) {
        try (InputStream in = Files.newInputStream(file);
            MappingIterator<JsonNode> documents = Trees.YAML.readerFor(JsonNode.class).readValues(in)) {
          while (documents.hasNext()) {
            JsonNode document = documents.next();
            if (document instanceof ObjectNode object
                && "CustomResourceDefinition".equals(object.path("kind").stringValue(""))
                && "apiextensions.k8s.io/v1".equals(object.path("apiVersion").stringValue(""))) {
              crds.add(object);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the CRD directory " + dir, e);
    }
    return crds;
  }

  /** Fulcrum's own CRDs for the Cluster API kinds and the providers' kinds. */
  private static List<ObjectNode> minimal(List<InfraKinds> providers) {
    List<ObjectNode> crds = new ArrayList<>();
    for (Fact fact : CAPI_KINDS) {
      crds.add(crd(fact, Capi.VERSION, InfraKinds.Contract.V1BETA2));
    }
    for (InfraKinds provider : providers) {
      for (String kind : List.of(provider.clusterKind(), provider.machineKind(), provider.machineTemplateKind())) {
        crds.add(crd(new Fact(provider.group(), kind, List.of(), true, false), provider.version(),
            provider.contract()));
      }
    }
    return crds;
  }

  private static ObjectNode crd(Fact fact, String version, InfraKinds.Contract contract) {
    String plural = ResourceKind.plural(fact.kind());
    ObjectNode crd = Trees.object();
    crd.put("apiVersion", "apiextensions.k8s.io/v1");
    crd.put("kind", "CustomResourceDefinition");
    ObjectNode metadata = crd.putObject("metadata");
    metadata.put("name", plural + "." + fact.group());
    metadata.putObject("annotations").put("fulcrum.dev/crd", "minimal: any fields accepted");
    ObjectNode spec = crd.putObject("spec");
    spec.put("group", fact.group());
    spec.put("scope", "Namespaced");
    ObjectNode names = spec.putObject("names");
    names.put("kind", fact.kind());
    names.put("listKind", fact.kind() + "List");
    names.put("plural", plural);
    names.put("singular", fact.kind().toLowerCase(Locale.ROOT));
    if (!fact.shortNames().isEmpty()) {
      ArrayNode shortNames = names.putArray("shortNames");
      fact.shortNames().forEach(shortNames::add);
    }
    names.putArray("categories").add("cluster-api");
    ObjectNode served = spec.putArray("versions").addObject();
    served.put("name", version);
    served.put("served", true);
    served.put("storage", true);
    served.putObject("schema").putObject("openAPIV3Schema").put("type", "object")
        .put("x-kubernetes-preserve-unknown-fields", true);
    if (fact.status() || fact.scale()) {
      ObjectNode subresources = served.putObject("subresources");
      if (fact.status()) {
        subresources.putObject("status");
      }
      if (fact.scale()) {
        subresources.putObject("scale").put("specReplicasPath", ".spec.replicas")
            .put("statusReplicasPath", ".status.replicas").put("labelSelectorPath", ".status.selector");
      }
    }
    label(crd, contract, version);
    return crd;
  }

  /** Creates the CRD, or updates it when its labels or spec differ; returns its name. */
  private static String apply(KubernetesClient client, ObjectNode desired) {
    NonNamespaceOperation<CustomResourceDefinition, CustomResourceDefinitionList,
        Resource<CustomResourceDefinition>> crds = client.apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition crd = client.getKubernetesSerialization()
        .convertValue(desired, CustomResourceDefinition.class);
    String name = crd.getMetadata().getName();
    CustomResourceDefinition existing = crds.withName(name).get();
    if (existing == null) {
      try {
        crds.resource(crd).create();
        return name;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        existing = crds.withName(name).get();
      }
    }
    Map<String, String> labels = new LinkedHashMap<>(existing.getMetadata().getLabels());
    labels.putAll(crd.getMetadata().getLabels());
    boolean sameSpec = client.getKubernetesSerialization().convertValue(existing.getSpec(), JsonNode.class)
        .equals(client.getKubernetesSerialization().convertValue(crd.getSpec(), JsonNode.class));
    if (!sameSpec || !labels.equals(existing.getMetadata().getLabels())) {
      crd.getMetadata().setLabels(labels);
      crd.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
      crds.resource(crd).update();
    }
    return name;
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
