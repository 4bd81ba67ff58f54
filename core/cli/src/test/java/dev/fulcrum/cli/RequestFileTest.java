package dev.fulcrum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestFileTest {
  private static final String WITH_PROJECT = "metadata: {name: edge, namespace: team-a}\nspec: {provider: docker}\n";
  private static final String WITHOUT_PROJECT = "metadata: {name: edge}\nspec: {provider: docker}\n";

  @TempDir Path dir;

  @Test
  void theFilesProjectIsUsedAndTheFileSentAsItIs() throws IOException {
    RequestFile request = RequestFile.read(file(WITH_PROJECT), null);

    assertThat(request.cluster()).contains(new ClusterRef("team-a", "edge"));
    assertThat(request.mediaType()).isEqualTo("application/yaml");
    assertThat(new String(request.body())).isEqualTo(WITH_PROJECT);
  }

  @Test
  void withoutAProjectInTheFileTheOptionOrDefaultIsFilledIn() throws IOException {
    RequestFile given = RequestFile.read(file(WITHOUT_PROJECT), "team-b");
    RequestFile defaulted = RequestFile.read(file(WITHOUT_PROJECT), null);

    assertThat(given.cluster()).contains(new ClusterRef("team-b", "edge"));
    assertThat(Mappers.json().readTree(given.body()).at("/metadata/namespace").asString()).isEqualTo("team-b");
    assertThat(defaulted.cluster()).contains(new ClusterRef("default", "edge"));
  }

  @Test
  void aProjectOptionThatContradictsTheFileIsRefused() throws IOException {
    Path request = file(WITH_PROJECT);

    assertThatThrownBy(() -> RequestFile.read(request, "team-b"))
        .hasMessage("the file's metadata.namespace (team-a) is not the project given with -n (team-b)");
    assertThat(RequestFile.read(request, "team-a").cluster()).contains(new ClusterRef("team-a", "edge"));
  }

  @Test
  void aFileThatIsNotYamlIsSentForTheServerToExplain() throws IOException {
    RequestFile request = RequestFile.read(file("metadata: [unclosed\n"), null);

    assertThat(request.cluster()).isEmpty();
    assertThat(new String(request.body())).isEqualTo("metadata: [unclosed\n");
  }

  @Test
  void aMissingFileIsReportedPlainly() {
    assertThatThrownBy(() -> RequestFile.read(dir.resolve("absent.yaml"), null))
        .hasMessage("cannot read " + dir.resolve("absent.yaml") + ": no such file");
  }

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("request.yaml"), content);
  }
}
