package dev.fulcrum.core.profiles;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.kube.ServerSideApply;
import dev.fulcrum.core.request.SemanticVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code ClusterProfile} custom resources in the management cluster (cluster-scoped, one object per
 * version, named {@code <name>.<version>}). A version that a WorkloadCluster references is immutable:
 * applying different content to it, or deleting it, is refused; applying the same content again is fine.
 */
public final class ClusterProfiles {
  public static final String PLURAL = "clusterprofiles";

  /** The label holding the profile's version on the stored object. */
  public static final String VERSION_LABEL = "fulcrum.dev/profile-version";

  private static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup(WorkloadClusters.GROUP)
          .withVersion(WorkloadClusters.VERSION)
          .withKind(ClusterProfile.KIND)
          .withPlural(PLURAL)
          .withNamespaced(false)
          .build();

  private final KubernetesClient client;
  private final ProfileReader reader;
  private final WorkloadClusters clusters;
  private final ServerSideApply applier;

  /**
   * @param client the management cluster
   * @param reader reads stored profiles back
   */
  public ClusterProfiles(KubernetesClient client, ProfileReader reader) {
    this.client = client;
    this.reader = reader;
    this.clusters = new WorkloadClusters(client);
    this.applier = new ServerSideApply(client);
  }

  /** The object a profile is stored as. */
  public static ObjectNode resource(ClusterProfile profile) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", ClusterProfile.API_VERSION);
    object.put("kind", ClusterProfile.KIND);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", profile.objectName());
    metadata
        .putObject("labels")
        .put("app.kubernetes.io/managed-by", "fulcrum")
        .put(ProfileReader.PROFILE_LABEL, profile.name())
        .put(VERSION_LABEL, profile.version());
    object.set("spec", profile.spec());
    return object;
  }

  /**
   * Stores a validated profile version.
   *
   * @return the stored object and whether it is new
   * @throws ProfileInUseException if the version exists with other content and clusters use it
   */
  public Applied apply(ClusterProfile profile) {
    Optional<ObjectNode> existing = stored(profile.name(), profile.version());
    if (existing.isPresent() && existing.get().path("spec").equals(profile.spec())) {
      return new Applied(existing.get(), false);
    }
    if (existing.isPresent()) {
      List<String> users = usedBy(profile.name(), profile.version());
      if (!users.isEmpty()) {
        throw ProfileInUseException.changing(profile.reference(), users);
      }
    }
    return new Applied(applier.apply(resource(profile)), existing.isEmpty());
  }

  /**
   * Deletes a stored profile version that no cluster uses.
   *
   * <p>No lock spans the check and the delete. Once the version is gone, the Accept step refuses any cluster
   * request that references it (422, {@code spec.profiles[i]}), so clusters created or changed after the delete
   * are refused clearly. The window left is a request accepted between the check and the delete: that cluster
   * is stored, and planning its add-ons fails naming the missing version until it is published again or the
   * cluster moves to another version.
   *
   * @return whether the version was stored (false: there was nothing to delete)
   * @throws ProfileInUseException if clusters reference the version in {@code spec.profiles}
   */
  public boolean delete(String name, String version) {
    if (stored(name, version).isEmpty()) {
      return false;
    }
    List<String> users = usedBy(name, version);
    if (!users.isEmpty()) {
      throw ProfileInUseException.deleting(ClusterProfile.reference(name, version), users);
    }
    // Empty when someone else deleted it meanwhile: then this call deleted nothing.
    return !resources().withName(ClusterProfile.objectName(name, version)).delete().isEmpty();
  }

  /** A stored profile version, as stored. */
  public Optional<ObjectNode> stored(String name, String version) {
    return Optional.ofNullable(KubeTrees.tree(resources().withName(ClusterProfile.objectName(name, version)).get()));
  }

  /** A stored profile version, read back. */
  public Optional<ClusterProfile> get(String name, String version) {
    return stored(name, version).map(reader::fromStored);
  }

  /** Every stored profile version, sorted by name, then version (semver precedence). */
  public List<ObjectNode> list() {
    GenericKubernetesResourceList list = resources().list();
    return list.getItems().stream().map(KubeTrees::tree).sorted(ORDER).toList();
  }

  /** The stored versions of one profile, oldest first. */
  public List<ObjectNode> versions(String name) {
    return resources().withLabel(ProfileReader.PROFILE_LABEL, name).list().getItems().stream()
        .map(KubeTrees::tree)
        .sorted(ORDER)
        .toList();
  }

  /** The clusters ({@code project/name}) whose spec references the profile version. */
  public List<String> usedBy(String name, String version) {
    return clusters.list(Optional.empty()).stream()
        .filter(cluster -> references(cluster, name, version))
        .map(cluster -> ClusterRef.of(cluster).project() + "/" + ClusterRef.of(cluster).name())
        .toList();
  }

  private static boolean references(JsonNode cluster, String name, String version) {
    for (JsonNode ref : cluster.path("spec").path("profiles")) {
      if (ref.path("name").asString().equals(name) && ref.path("version").asString().equals(version)) {
        return true;
      }
    }
    return false;
  }

  private static final Comparator<ObjectNode> ORDER =
      Comparator.comparing(
              (ObjectNode profile) -> profile.at("/metadata/labels").path(ProfileReader.PROFILE_LABEL).asString())
          .thenComparing(
              profile ->
                  SemanticVersion.parse(profile.at("/spec/version").asString())
                      .orElse(new SemanticVersion("0.0.0")));

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources() {
    return client.genericKubernetesResources(CONTEXT);
  }

  /**
   * The result of {@link #apply}.
   *
   * @param stored the object as stored
   * @param created whether the version is new
   */
  public record Applied(ObjectNode stored, boolean created) {}
}
