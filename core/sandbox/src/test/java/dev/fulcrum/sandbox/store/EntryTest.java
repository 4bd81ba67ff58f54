package dev.fulcrum.sandbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.sandbox.store.GroupResource;
import dev.fulcrum.sandbox.support.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EntryTest {

  @Test
  void largeObjectsReadBackByteForByteAndIndexedFieldsAreExtracted() {
    ObjectNode object = Json.object();
    object.put("apiVersion", "v1");
    object.put("kind", "ConfigMap");
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", "big");
    metadata.put("namespace", "default");
    metadata.put("uid", "u1");
    metadata.put("resourceVersion", "42");
    metadata.put("deletionTimestamp", "2025-01-01T00:00:00Z");
    metadata.putObject("labels").put("app", "x");
    metadata.putArray("finalizers").add("f");
    metadata.putArray("ownerReferences").addObject().put("uid", "owner").put("blockOwnerDeletion", true);
    ObjectNode data = object.putObject("data");
    for (int i = 0; i < 2_000; i++) {
      data.put("key-" + i, "value-" + i);
    }
    byte[] json = Json.bytes(object);
    assertThat(json.length).isGreaterThan(Entry.COMPRESS_ABOVE_BYTES);

    Entry entry = Entry.of(new GroupResource("", "configmaps"), object, json);

    assertThat(entry.json()).isEqualTo(json);
    assertThat(entry.object()).isEqualTo(object);
    assertThat(entry.key()).isEqualTo("default/big");
    assertThat(entry.resourceVersion()).isEqualTo(42);
    assertThat(entry.labels()).containsEntry("app", "x");
    assertThat(entry.finalizers()).containsExactly("f");
    assertThat(entry.owners()).singleElement().satisfies(owner -> {
      assertThat(owner.uid()).isEqualTo("owner");
      assertThat(owner.blockOwnerDeletion()).isTrue();
    });
    assertThat(entry.deleting()).isTrue();
  }
}
