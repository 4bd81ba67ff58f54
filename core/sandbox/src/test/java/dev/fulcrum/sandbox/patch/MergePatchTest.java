package dev.fulcrum.sandbox.patch;

import static dev.fulcrum.sandbox.patch.Trees.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class MergePatchTest {

    /** RFC 7386, Appendix A: original, patch, result. */
    static Stream<Arguments> rfc7386AppendixA() {
        return Stream.of(
                Arguments.of("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
                Arguments.of("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
                Arguments.of("{\"a\":\"b\"}", "{\"a\":null}", "{}"),
                Arguments.of("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
                Arguments.of("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
                Arguments.of("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
                Arguments.of("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
                Arguments.of("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"),
                Arguments.of("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"),
                Arguments.of("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"),
                Arguments.of("{\"a\":\"foo\"}", "null", "null"),
                Arguments.of("{\"a\":\"foo\"}", "\"bar\"", "\"bar\""),
                Arguments.of("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"),
                Arguments.of("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"),
                Arguments.of("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @MethodSource("rfc7386AppendixA")
    void appliesTheRfcExamples(String original, String patch, String expected) {
        assertThat(MergePatch.apply(node(original), node(patch))).isEqualTo(node(expected));
    }

    @org.junit.jupiter.api.Test
    void leavesItsInputsUntouched() {
        JsonNode original = node("{\"a\":{\"b\":1}}");
        JsonNode patch = node("{\"a\":{\"c\":2}}");
        JsonNode result = MergePatch.apply(original, patch);

        assertThat(result).isEqualTo(node("{\"a\":{\"b\":1,\"c\":2}}"));
        assertThat(original).isEqualTo(node("{\"a\":{\"b\":1}}"));
        assertThat(patch).isEqualTo(node("{\"a\":{\"c\":2}}"));
    }
}
