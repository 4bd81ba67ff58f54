package dev.fulcrum.core.pivot;

import dev.fulcrum.core.yaml.Mappers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Optional;

/**
 * The journal as a ConfigMap {@code fulcrum-system/move-<namespace>} in the management cluster, its JSON in the data
 * key {@value #DATA_KEY}. (Namespace names are at most 63 characters, so the ConfigMap name never needs
 * shortening.) Writes carry the resourceVersion read or written last as a precondition. The journal holds names and
 * UIDs only, never object contents. A completed or undone move deletes its journal.
 */
public final class ConfigMapMoveJournal implements MoveJournal {
  /** The data key holding the record's JSON. */
  public static final String DATA_KEY = "move.json";

  private static final String NAME_PREFIX = "move-";

  private final KubernetesClient management;

  public ConfigMapMoveJournal(KubernetesClient management) {
    this.management = Objects.requireNonNull(management, "management");
  }

  /** The journal ConfigMap's name for a namespace. */
  public static String configMapName(String namespace) {
    return NAME_PREFIX + namespace;
  }

  @Override
  public Optional<MoveRecord> load(String namespace) {
    ConfigMap stored = configMaps().withName(configMapName(namespace)).get();
    if (stored == null) {
      return Optional.empty();
    }
    String json = stored.getData() == null ? null : stored.getData().get(DATA_KEY);
    if (json == null) {
      throw new MoveException("the move journal " + MoveRequest.JOURNAL_NAMESPACE + "/" + configMapName(namespace)
          + " has no " + DATA_KEY + " key; it was not written by Fulcrum");
    }
    MoveRecord record = Mappers.json().readValue(json, MoveRecord.class);
    return Optional.of(record.withRevision(stored.getMetadata().getResourceVersion()));
  }

  @Override
  public MoveRecord save(MoveRecord record) {
    ConfigMap desired = new ConfigMapBuilder()
        .withNewMetadata()
        .withName(configMapName(record.namespace()))
        .withNamespace(MoveRequest.JOURNAL_NAMESPACE)
        .withResourceVersion(record.revision())
        .addToLabels("app.kubernetes.io/managed-by", "fulcrum")
        .endMetadata()
        .addToData(DATA_KEY, Mappers.json().writeValueAsString(record))
        .build();
    try {
      ConfigMap written = record.revision() == null ? create(desired) : configMaps().resource(desired).update();
      return record.withRevision(written.getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw new MoveJournalConflictException("the move journal " + MoveRequest.JOURNAL_NAMESPACE + "/"
            + configMapName(record.namespace()) + " was changed by another writer: another move of namespace "
            + record.namespace() + " is running", e);
      }
      throw e;
    }
  }

  private ConfigMap create(ConfigMap desired) {
    try {
      return configMaps().resource(desired).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
      // First move on this management cluster: its namespace does not exist yet.
      management.namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName(MoveRequest.JOURNAL_NAMESPACE).endMetadata().build()).create();
      return configMaps().resource(desired).create();
    }
  }

  @Override
  public void delete(MoveRecord record) {
    configMaps().withName(configMapName(record.namespace())).delete();
  }

  private NonNamespaceOperation<ConfigMap, ConfigMapList, Resource<ConfigMap>> configMaps() {
    return management.configMaps().inNamespace(MoveRequest.JOURNAL_NAMESPACE);
  }
}
