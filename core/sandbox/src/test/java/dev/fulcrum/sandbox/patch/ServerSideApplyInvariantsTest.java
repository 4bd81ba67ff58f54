package dev.fulcrum.sandbox.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random sequences of applies (with and without force) and updates by a few managers on a Deployment; after every
 * successful write, ownership must be consistent with the object. Fixed seed: failures reproduce.
 */
class ServerSideApplyInvariantsTest {

    private static final List<String> MANAGERS = List.of("alice", "bob", "carol");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final Random random = new Random(42);

    private ObjectNode randomConfig() {
        ObjectNode object = JsonValues.NODES.objectNode().put("apiVersion", "apps/v1").put("kind", "Deployment");
        ObjectNode metadata = object.putObject("metadata").put("name", "web").put("namespace", "default");
        if (random.nextBoolean()) {
            ObjectNode labels = metadata.putObject("labels");
            for (String key : List.of("app", "tier", "env")) {
                if (random.nextBoolean()) {
                    labels.put(key, "v" + random.nextInt(2));
                }
            }
        }
        if (random.nextInt(3) == 0) {
            metadata.putArray("finalizers").add("f.dev/" + random.nextInt(3));
        }
        ObjectNode spec = object.putObject("spec");
        if (random.nextBoolean()) {
            spec.put("replicas", random.nextInt(3));
        }
        if (random.nextBoolean()) {
            ArrayNode containers = spec.putObject("template").putObject("spec").putArray("containers");
            for (String name : List.of("app", "sidecar")) {
                if (random.nextBoolean()) {
                    ObjectNode container = containers.addObject().put("name", name);
                    if (random.nextBoolean()) {
                        container.put("image", name + ":" + random.nextInt(2));
                    }
                    if (random.nextBoolean()) {
                        container.putArray("args").add("--v=" + random.nextInt(2));
                    }
                    if (random.nextBoolean()) {
                        container.putArray("env").addObject().put("name", "E" + random.nextInt(2)).put("value", "x");
                    }
                }
            }
        }
        return object;
    }

    @Test
    void ownershipAlwaysDescribesFieldsTheObjectHas() {
        ObjectNode live = null;
        int applied = 0;
        int conflicts = 0;
        for (int step = 0; step < 600; step++) {
            String manager = MANAGERS.get(random.nextInt(MANAGERS.size()));
            ObjectNode config = randomConfig();
            try {
                if (live != null && random.nextInt(4) == 0) {
                    ObjectNode edited = (ObjectNode) TypedValues.merge(live, config, ListSemantics.forObject(live));
                    live = ServerSideApply.recordUpdate(live, edited, manager + "-edit", "apps/v1", null, NOW);
                } else {
                    live = ServerSideApply.apply(live, config, ApplyOptions.of(manager, "apps/v1")
                            .withForce(random.nextInt(3) == 0).withNow(NOW));
                    applied++;
                    assertAppliedValuesPresent(live, config);
                }
            } catch (ApplyConflictException e) {
                conflicts++;
                assertThat(e.conflicts()).isNotEmpty();
                continue;
            }
            assertOwnershipResolves(live);
        }
        assertThat(applied).isGreaterThan(100);
        assertThat(conflicts).isGreaterThan(10);
    }

    /** Every leaf the configuration sets has the configured value afterwards. */
    private static void assertAppliedValuesPresent(JsonNode live, JsonNode config) {
        FieldSet fields = TypedValues.toFieldSet(config, ListSemantics.forObject(config));
        for (List<PathElement> path : fields.paths()) {
            JsonNode expected = TypedValues.get(config, path);
            if (expected != null && !expected.isContainer()) {
                assertThat(JsonValues.equal(TypedValues.get(live, path), expected))
                        .as("%s after applying %s", FieldSet.render(path), config).isTrue();
            }
        }
    }

    /** Every owned path exists in the object, and no entry is empty. */
    private static void assertOwnershipResolves(ObjectNode live) {
        ManagedFields managers = ManagedFields.decode(live.path("metadata").get("managedFields"));
        for (ManagedFields.Entry entry : managers.entries()) {
            assertThat(entry.fields.isEmpty()).as(entry.manager.name()).isFalse();
            for (List<PathElement> path : entry.fields.paths()) {
                assertThat(TypedValues.get(live, path))
                        .as("%s owns %s in %s", entry.manager.name(), FieldSet.render(path), live).isNotNull();
            }
        }
    }
}
