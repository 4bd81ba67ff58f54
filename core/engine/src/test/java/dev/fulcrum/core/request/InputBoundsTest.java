package dev.fulcrum.core.request;

import static dev.fulcrum.core.request.Requests.errors;
import static dev.fulcrum.core.request.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the reader bounds its input: size, documents, aliases, nesting, duplicates, encoding. */
class InputBoundsTest {
  private final RequestReader reader = TestProvider.readerFor(TestProvider.lab());

  @Test
  void readsYaml() {
    ClusterRequest request = reader.read(utf8(Requests.VALID_YAML));

    assertThat(request.name()).isEqualTo("edge-42");
    assertThat(request.controlPlane().replicas()).isEqualTo(3);
  }

  @Test
  void readsJsonToTheSameRequest() {
    ClusterRequest fromJson = reader.read(Requests.json(Requests.valid()));

    assertThat(fromJson).isEqualTo(reader.read(utf8(Requests.VALID_YAML)));
  }

  @Test
  void refusesInputOverOneMebibyteNamingTheLimit() {
    String padding = "# " + "x".repeat(1024) + "\n";
    byte[] input = utf8(Requests.VALID_YAML + padding.repeat(1024));

    assertThat(errors(reader, input))
        .containsExactly(
            new FieldError(
                "(document)",
                "the request is " + input.length + " bytes; at most 1048576 bytes (1 MiB) are accepted"));
  }

  @Test
  void refusesAnAliasBombQuicklyNamingTheAliasLimit() {
    StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level <= 9; level++) {
      String previous = "*a" + (level - 1);
      bomb.append("a").append(level).append(": &a").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
    }

    List<FieldError> found =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> errors(reader, utf8(bomb.toString())));

    assertThat(found).singleElement().satisfies(error -> {
      assertThat(error.path()).isEqualTo("(document)");
      assertThat(error.message()).startsWith("uses more than 16 YAML aliases (*name); alias 17 is at line 3.");
    });
  }

  @Test
  void refusesAnAliasToAHugeAnchor() {
    String huge = "big: &big [" + "1, ".repeat(12_000) + "1]\ncopy: *big\n";

    assertThat(errors(reader, utf8(huge)))
        .singleElement()
        .satisfies(error -> assertThat(error.message()).startsWith("exceeds a reading limit"));
  }

  @Test
  void expandsTheFewAliasesItAllows() {
    String withAliases =
        Requests.VALID_YAML
            .replace("machine: {instanceType: m.large, cpus: 4}", "machine: &machine {instanceType: m.large, cpus: 4}")
            .replace("machine: {instanceType: m.xlarge}", "machine: *machine");

    ClusterRequest request = reader.read(utf8(withAliases));

    assertThat(request.workerPools().get(0).machine()).isEqualTo(request.controlPlane().machine());
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String deep = Requests.VALID_YAML + "  extra: " + "[".repeat(40) + "]".repeat(40) + "\n";
    long lastLine = Requests.VALID_YAML.lines().count() + 1;

    assertThat(errors(reader, utf8(deep)))
        .containsExactly(new FieldError("(document)", "nests deeper than 32 levels (at line " + lastLine + ")"));
  }

  @Test
  void limitsTheNestingThatAliasesExpandTo() {
    String twentyDeep = "[".repeat(20) + "1" + "]".repeat(20);
    String nested = "anchor: &deep " + twentyDeep + "\nuse: " + "[".repeat(20) + "*deep" + "]".repeat(20) + "\n";

    assertThat(errors(reader, utf8(nested)))
        .singleElement()
        .satisfies(error -> assertThat(error.message()).startsWith("exceeds a reading limit: Document nesting depth"));
  }

  @Test
  void refusesDeepFlowNestingQuickly() {
    byte[] brackets = utf8("[".repeat(BoundedYamlReader.MAX_INPUT_BYTES));

    List<FieldError> found = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> errors(reader, brackets));

    assertThat(found).containsExactly(new FieldError("(document)", "nests deeper than 32 levels (at line 1)"));
  }

  @Test
  void refusesMoreThanOneDocument() {
    String twoDocuments = Requests.VALID_YAML + "---\n" + Requests.VALID_YAML;

    long secondDocumentLine = Requests.VALID_YAML.lines().count() + 1;

    assertThat(errors(reader, utf8(twoDocuments)))
        .containsExactly(
            new FieldError(
                "(document)",
                "holds more than one YAML document (a second one starts at line " + secondDocumentLine
                    + "); send exactly one WorkloadCluster"));
  }

  @Test
  void refusesADuplicateKeyAtItsPath() {
    String duplicate = Requests.VALID_YAML.replace("    replicas: 3\n    machine: {instanceType: m.large",
        "    replicas: 3\n    replicas: 5\n    machine: {instanceType: m.large");

    assertThat(errors(reader, utf8(duplicate)))
        .singleElement()
        .satisfies(error -> {
          assertThat(error.path()).isEqualTo("spec.controlPlane.replicas");
          assertThat(error.message()).contains("Duplicate").contains("replicas");
        });
  }

  @Test
  void refusesEmptyInput() {
    assertThat(errors(reader, utf8("# nothing but a comment\n")))
        .containsExactly(new FieldError("(document)", "is empty; expected one WorkloadCluster"));
  }

  @Test
  void refusesInputThatIsNotUtf8() {
    byte[] utf16 = Requests.VALID_YAML.getBytes(StandardCharsets.UTF_16);

    assertThat(errors(reader, utf16))
        .containsExactly(
            new FieldError("(document)", "is not valid UTF-8 text; send the request as UTF-8 YAML or JSON"));
  }

  @Test
  void reportsASyntaxErrorByLineWithoutQuotingTheInput() {
    String broken =
        Requests.VALID_YAML.replace("serviceDomain: cluster.local", "serviceDomain: [cluster.local-secret-value");

    assertThat(errors(reader, utf8(broken)))
        .singleElement()
        .satisfies(error -> {
          assertThat(error.path()).isEqualTo("(document)");
          assertThat(error.message()).startsWith("is not valid YAML at line").doesNotContain("secret-value");
        });
  }

  @Test
  void namesACharacterYamlDoesNotAllow() {
    String withNul = Requests.VALID_YAML.replace("name: edge-42", "name: edge-42\u0000");

    assertThat(errors(reader, utf8(withNul)))
        .singleElement()
        .satisfies(error -> assertThat(error.message()).startsWith("holds a character YAML does not allow, U+0000"));
  }

  @Test
  void refusesATopLevelThatIsNotAnObject() {
    assertThat(errors(reader, utf8("- just\n- a list\n")))
        .containsExactly(
            new FieldError(
                "(document)", "must be a WorkloadCluster object (apiVersion, kind, metadata, spec), got a list"));
  }
}
