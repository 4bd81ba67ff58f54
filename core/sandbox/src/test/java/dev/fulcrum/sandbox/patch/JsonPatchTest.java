package dev.fulcrum.sandbox.patch;

import static dev.fulcrum.sandbox.patch.Trees.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class JsonPatchTest {

    /** RFC 6902, Appendix A examples that succeed: document, patch, result. */
    static Stream<Arguments> rfc6902Successes() {
        return Stream.of(
                Arguments.of("A.1 add an object member", "{\"foo\":\"bar\"}",
                        "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]", "{\"baz\":\"qux\",\"foo\":\"bar\"}"),
                Arguments.of("A.2 add an array element", "{\"foo\":[\"bar\",\"baz\"]}",
                        "[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}"),
                Arguments.of("A.3 remove an object member", "{\"baz\":\"qux\",\"foo\":\"bar\"}",
                        "[{\"op\":\"remove\",\"path\":\"/baz\"}]", "{\"foo\":\"bar\"}"),
                Arguments.of("A.4 remove an array element", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}",
                        "[{\"op\":\"remove\",\"path\":\"/foo/1\"}]", "{\"foo\":[\"bar\",\"baz\"]}"),
                Arguments.of("A.5 replace a value", "{\"baz\":\"qux\",\"foo\":\"bar\"}",
                        "[{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}]", "{\"baz\":\"boo\",\"foo\":\"bar\"}"),
                Arguments.of("A.6 move a value", "{\"foo\":{\"bar\":\"baz\",\"waldo\":\"fred\"},\"qux\":{\"corge\":\"grault\"}}",
                        "[{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}]",
                        "{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}"),
                Arguments.of("A.7 move an array element", "{\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]}",
                        "[{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}]",
                        "{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}"),
                Arguments.of("A.8 test a value (success)", "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}",
                        "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"qux\"},{\"op\":\"test\",\"path\":\"/foo/1\",\"value\":2}]",
                        "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}"),
                Arguments.of("A.10 add a nested member object", "{\"foo\":\"bar\"}",
                        "[{\"op\":\"add\",\"path\":\"/child\",\"value\":{\"grandchild\":{}}}]",
                        "{\"foo\":\"bar\",\"child\":{\"grandchild\":{}}}"),
                Arguments.of("A.11 ignore unrecognized elements", "{\"foo\":\"bar\"}",
                        "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\",\"xyz\":123}]", "{\"foo\":\"bar\",\"baz\":\"qux\"}"),
                Arguments.of("A.14 ~ escape ordering", "{\"/\":9,\"~1\":10}",
                        "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":10}]", "{\"/\":9,\"~1\":10}"),
                Arguments.of("A.16 add an array value", "{\"foo\":[\"bar\"]}",
                        "[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":[\"abc\",\"def\"]}]",
                        "{\"foo\":[\"bar\",[\"abc\",\"def\"]]}"),
                Arguments.of("copy", "{\"a\":{\"b\":1}}",
                        "[{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/c\"}]", "{\"a\":{\"b\":1},\"c\":{\"b\":1}}"),
                Arguments.of("test compares numbers by value", "{\"a\":1}",
                        "[{\"op\":\"test\",\"path\":\"/a\",\"value\":1.0}]", "{\"a\":1}"),
                Arguments.of("add with empty path replaces the document", "{\"a\":1}",
                        "[{\"op\":\"add\",\"path\":\"\",\"value\":{\"b\":2}}]", "{\"b\":2}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc6902Successes")
    void appliesTheRfcExamples(String name, String document, String patch, String expected) {
        assertThat(JsonPatch.apply(node(document), node(patch))).isEqualTo(node(expected));
    }

    /** RFC 6902 Appendix A failures and other operations that do not apply: all 422, message naming the path. */
    static Stream<Arguments> unprocessable() {
        return Stream.of(
                Arguments.of("A.9 test a value (error)", "{\"baz\":\"qux\"}",
                        "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"bar\"}]", "testing value /baz failed"),
                Arguments.of("A.12 add to a nonexistent target", "{\"foo\":\"bar\"}",
                        "[{\"op\":\"add\",\"path\":\"/baz/bat\",\"value\":\"qux\"}]", "\"/baz/bat\""),
                Arguments.of("A.15 comparing strings and numbers", "{\"/\":9,\"~1\":10}",
                        "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":\"10\"}]", "testing value /~01 failed"),
                Arguments.of("remove a missing member", "{\"a\":1}",
                        "[{\"op\":\"remove\",\"path\":\"/b\"}]", "remove operation does not apply"),
                Arguments.of("replace a missing member", "{\"a\":1}",
                        "[{\"op\":\"replace\",\"path\":\"/b\",\"value\":2}]", "replace operation does not apply"),
                Arguments.of("index out of range", "{\"a\":[1]}",
                        "[{\"op\":\"add\",\"path\":\"/a/5\",\"value\":2}]", "invalid array index \"5\""),
                Arguments.of("move into a child", "{\"a\":{\"b\":1}}",
                        "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a/b/c\"}]", "cannot be moved into one of its children"),
                Arguments.of("unknown op", "{}", "[{\"op\":\"frobnicate\",\"path\":\"/a\"}]", "unexpected op \"frobnicate\""),
                Arguments.of("missing value", "{}", "[{\"op\":\"add\",\"path\":\"/a\"}]", "missing \"value\""),
                Arguments.of("missing path", "{}", "[{\"op\":\"remove\"}]", "\"path\""),
                Arguments.of("path not a pointer", "{}", "[{\"op\":\"add\",\"path\":\"a\",\"value\":1}]", "not a JSON pointer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unprocessable")
    void rejectsOperationsThatDoNotApplyWith422(String name, String document, String patch, String message) {
        assertThatThrownBy(() -> JsonPatch.apply(node(document), node(patch)))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(422))
                .hasMessageContaining(message);
    }

    @Test
    void rejectsABodyThatIsNotAListOfOperationsWith400() {
        assertThatThrownBy(() -> JsonPatch.apply(node("{}"), node("{\"op\":\"add\"}")))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> JsonPatch.apply(node("{}"), node("[1]")))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    @Test
    void isAllOrNothingAndLeavesTheInputUntouched() {
        JsonNode document = node("{\"a\":1}");
        assertThatThrownBy(() -> JsonPatch.apply(document,
                node("[{\"op\":\"add\",\"path\":\"/b\",\"value\":2},{\"op\":\"remove\",\"path\":\"/zz\"}]")))
                .isInstanceOf(PatchException.class);
        assertThat(document).isEqualTo(node("{\"a\":1}"));
    }
}
