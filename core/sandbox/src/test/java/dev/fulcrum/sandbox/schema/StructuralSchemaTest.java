package dev.fulcrum.sandbox.schema;

import static dev.fulcrum.sandbox.schema.SharedCrds.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** {@link StructuralSchema} semantics on small inline schemas. */
class StructuralSchemaTest {

    private static final String HEAD = "apiVersion: example.dev/v1\nkind: Widget\nmetadata: {name: w}\n";

    private static StructuralSchema schema(String specSchema) {
        return StructuralSchema.of(yaml("""
                type: object
                properties:
                  spec:
                """ + specSchema.indent(4)));
    }

    private static List<Cause> validate(String specSchema, String spec) {
        return schema(specSchema).validate(yaml(HEAD + "spec: " + spec));
    }

    /** schema of spec, spec value, expected causes as "field|reason|message". */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nullable accepts null",
                        "{type: object, properties: {a: {type: string, nullable: true}}}", "{a: null}", List.of()),
                Arguments.of("null where not nullable is a type error",
                        "{type: object, properties: {a: {type: string}}}", "{a: null}",
                        List.of("spec.a|FieldValueTypeInvalid|Invalid value: \"null\": spec.a in body must be of type "
                                + "string: \"null\"")),
                Arguments.of("int-or-string accepts both",
                        "{type: object, properties: {a: {x-kubernetes-int-or-string: true}, b: {x-kubernetes-int-or-string: true}}}",
                        "{a: 1, b: 10%}", List.of()),
                Arguments.of("int-or-string rejects a boolean",
                        "{type: object, properties: {a: {x-kubernetes-int-or-string: true}}}", "{a: true}",
                        List.of("spec.a|FieldValueTypeInvalid|Invalid value: \"boolean\": spec.a in body must be of "
                                + "type integer,string: \"boolean\"")),
                Arguments.of("integers accept 2.0 but not 2.5",
                        "{type: object, properties: {a: {type: integer}, b: {type: integer}}}", "{a: 2.0, b: 2.5}",
                        List.of("spec.b|FieldValueTypeInvalid|Invalid value: \"number\": spec.b in body must be of "
                                + "type integer: \"number\"")),
                Arguments.of("additionalProperties schema validates map values",
                        "{type: object, additionalProperties: {type: integer}}", "{a: 1, b: x}",
                        List.of("spec.b|FieldValueTypeInvalid|Invalid value: \"string\": spec.b in body must be of "
                                + "type integer: \"string\"")),
                Arguments.of("an object without properties rejects members",
                        "{type: object}", "{a: 1}", List.of("spec.a|FieldValueUnknown|unknown field \"spec.a\"")),
                Arguments.of("preserve-unknown-fields with properties still validates declared ones",
                        "{type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: string}}}",
                        "{a: 1, other: {deep: [1]}}",
                        List.of("spec.a|FieldValueTypeInvalid|Invalid value: \"integer\": spec.a in body must be of "
                                + "type string: \"integer\"")),
                Arguments.of("string length and pattern",
                        "{type: object, properties: {a: {type: string, minLength: 2, maxLength: 3, pattern: '^[a-z]+$'}}}",
                        "{a: ABCD}",
                        List.of("spec.a|FieldValueTooLong|Too long: may not be more than 3 bytes",
                                "spec.a|FieldValueInvalid|Invalid value: \"ABCD\": spec.a in body should match '^[a-z]+$'")),
                Arguments.of("exclusive bounds and multipleOf",
                        "{type: object, properties: {a: {type: number, minimum: 0, exclusiveMinimum: true, multipleOf: 0.5}}}",
                        "{a: 0}",
                        List.of("spec.a|FieldValueInvalid|Invalid value: 0: spec.a in body should be greater than 0")),
                Arguments.of("multipleOf",
                        "{type: object, properties: {a: {type: number, multipleOf: 0.5}}}", "{a: 1.25}",
                        List.of("spec.a|FieldValueInvalid|Invalid value: 1.25: spec.a in body should be a multiple of 0.5")),
                Arguments.of("item and property counts",
                        "{type: object, properties: {l: {type: array, minItems: 2, items: {type: string}}, "
                                + "m: {type: object, maxProperties: 1, additionalProperties: {type: string}}}}",
                        "{l: [a], m: {x: a, y: b}}",
                        List.of("spec.l|FieldValueInvalid|Invalid value: 1: spec.l in body should have at least 2 items",
                                "spec.m|FieldValueTooMany|Too many: 2: must have at most 1 items")),
                Arguments.of("uniqueItems and list-type set",
                        "{type: object, properties: {u: {type: array, uniqueItems: true, items: {type: integer}}, "
                                + "s: {type: array, x-kubernetes-list-type: set, items: {type: string}}}}",
                        "{u: [1, 1], s: [a, b, a]}",
                        List.of("spec.u|FieldValueInvalid|Invalid value: [1,1]: spec.u in body shouldn't contain duplicates",
                                "spec.s[2]|FieldValueDuplicate|Duplicate value: \"a\"")),
                Arguments.of("formats",
                        "{type: object, properties: {t: {type: string, format: date-time}, "
                                + "b: {type: string, format: byte}, i: {type: integer, format: int32}}}",
                        "{t: yesterday, b: '!!', i: 4294967296}",
                        List.of("spec.t|FieldValueTypeInvalid|Invalid value: \"yesterday\": spec.t in body must be of "
                                        + "type date-time: \"yesterday\"",
                                "spec.b|FieldValueTypeInvalid|Invalid value: \"!!\": spec.b in body must be of type "
                                        + "byte: \"!!\"",
                                "spec.i|FieldValueTypeInvalid|Invalid value: 4294967296: spec.i in body must be of "
                                        + "type int32: 4294967296")),
                Arguments.of("valid formats pass",
                        "{type: object, properties: {t: {type: string, format: date-time}, i: {type: integer, format: int64}}}",
                        "{t: '2026-01-01T10:00:00Z', i: 4294967296}", List.of()),
                Arguments.of("anyOf / oneOf / not",
                        "{type: object, properties: {"
                                + "a: {type: string, anyOf: [{pattern: '^x'}, {pattern: '^y'}]}, "
                                + "o: {type: integer, oneOf: [{minimum: 0}, {maximum: 10}]}, "
                                + "n: {type: string, not: {enum: [forbidden]}}, "
                                + "all: {type: integer, allOf: [{minimum: 5}]}}}",
                        "{a: z, o: 5, n: forbidden, all: 1}",
                        List.of("spec.a|FieldValueInvalid|Invalid value: \"z\": spec.a in body must validate at least "
                                        + "one schema (anyOf)",
                                "spec.o|FieldValueInvalid|Invalid value: 5: spec.o in body must validate one and only "
                                        + "one schema (oneOf)",
                                "spec.n|FieldValueInvalid|Invalid value: \"forbidden\": spec.n in body must not validate "
                                        + "the schema (not)",
                                "spec.all|FieldValueInvalid|Invalid value: 1: spec.all in body should be greater than or "
                                        + "equal to 5")),
                Arguments.of("an embedded resource allows its metadata and needs apiVersion and kind",
                        "{type: object, properties: {template: {type: object, x-kubernetes-embedded-resource: true, "
                                + "properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}}",
                        "{template: {metadata: {name: Bad_Name, labels: {a: b}}, spec: {x: 1}}}",
                        List.of("spec.template.metadata.name|FieldValueInvalid|Invalid value: \"Bad_Name\": a lowercase "
                                        + "RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                                        + "'.', and must start and end with an alphanumeric character (e.g. "
                                        + "'example.com', regex used for validation is "
                                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                                "spec.template.apiVersion|FieldValueRequired|Required value: must not be empty",
                                "spec.template.kind|FieldValueRequired|Required value: must not be empty")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, String specSchema, String spec, List<String> expected) {
        assertThat(validate(specSchema, spec))
                .extracting(c -> c.field() + "|" + c.reason() + "|" + c.message())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void rootApiVersionKindAndMetadataAreAlwaysAllowed() {
        StructuralSchema empty = StructuralSchema.of(yaml("type: object"));

        assertThat(empty.validate(yaml("apiVersion: v1\nkind: W\nmetadata: {name: w, labels: {a: b}, uid: x}")))
                .isEmpty();
        assertThat(empty.validate(yaml(HEAD + "spec: {}")))
                .containsExactly(new Cause("spec", Cause.UNKNOWN_FIELD, "unknown field \"spec\""));
        assertThat(empty.validate(yaml("apiVersion: v1\nkind: W\nmetadata: {name: w, lables: {a: b}}")))
                .containsExactly(new Cause("metadata.lables", Cause.UNKNOWN_FIELD, "unknown field \"metadata.lables\""));
    }

    @Test
    void generateNameMayEndWithADash() {
        StructuralSchema empty = StructuralSchema.of(yaml("type: object"));
        ObjectNode object = yaml("apiVersion: v1\nkind: W\nmetadata: {generateName: web-}");

        assertThat(empty.validate(object)).isEmpty();
        object.withObjectProperty("metadata").put("generateName", "Web-");
        assertThat(empty.validate(object)).extracting(Cause::field).containsExactly("metadata.generateName");
    }

    @Test
    void metadataNameConstraintsDeclaredByTheSchemaApply() {
        StructuralSchema schema = StructuralSchema.of(yaml(
                "type: object\nproperties: {metadata: {type: object, properties: {name: {type: string, maxLength: 5}}}}"));

        assertThat(schema.validate(yaml("apiVersion: v1\nkind: W\nmetadata: {name: toolong}")))
                .containsExactly(new Cause("metadata.name", Cause.TOO_LONG, "Too long: may not be more than 5 bytes"));
    }

    @Test
    void defaultsFillMissingFieldsTopDownAndReplaceNonNullableNulls() {
        StructuralSchema schema = schema("""
                type: object
                properties:
                  replicas: {type: integer, default: 1}
                  strategy:
                    type: object
                    default: {}
                    properties:
                      type: {type: string, default: RollingUpdate}
                  paused: {type: boolean}
                  note: {type: string, nullable: true, default: none}
                  ports:
                    type: array
                    items:
                      type: object
                      properties:
                        protocol: {type: string, default: TCP}
                """);
        ObjectNode object = yaml(HEAD + "spec: {paused: null, note: null, ports: [{}, {protocol: UDP}]}");

        schema.applyDefaults(object);
        assertThat(object.get("spec")).isEqualTo(yaml("""
                replicas: 1
                strategy: {type: RollingUpdate}
                note: null
                ports: [{protocol: TCP}, {protocol: UDP}]
                """));
    }

    @Test
    void pruningRemovesUndeclaredFieldsAndReportsThem() {
        StructuralSchema schema = schema("""
                type: object
                properties:
                  kept: {type: string}
                  free: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  items: {type: array, items: {type: object, properties: {name: {type: string}}}}
                """);
        ObjectNode object = yaml(HEAD + "spec: {kept: a, dropped: b, free: {any: 1}, items: [{name: x, extra: 1}]}");

        assertThat(schema.pruneUnknownFields(object)).containsExactly("spec.dropped", "spec.items[0].extra");
        assertThat(object.get("spec")).isEqualTo(yaml("s: {kept: a, free: {any: 1}, items: [{name: x}]}").get("s"));
        assertThat(object.get("metadata")).isEqualTo(yaml(HEAD).get("metadata"));
    }

    @Test
    void strictDecodingMessageMatchesTheApiServer() {
        List<Cause> unknown = validate("{type: object}", "{a: 1, b: 2}");

        assertThat(Cause.strictDecodingMessage(unknown))
                .isEqualTo("strict decoding error: unknown field \"spec.a\", unknown field \"spec.b\"");
    }

    @Test
    void rejectsASchemaThatIsNotAnObject() {
        assertThatThrownBy(() -> StructuralSchema.of(yaml("a: 1").get("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
