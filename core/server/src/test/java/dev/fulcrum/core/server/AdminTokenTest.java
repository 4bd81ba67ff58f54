package dev.fulcrum.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
  @TempDir Path dir;

  @Test
  void theFirstStartCreatesA256BitTokenOnlyItsOwnerCanRead() throws Exception {
    Path dataDir = dir.resolve("data");

    AdminToken token = AdminToken.createOrRead(dataDir);

    Path file = dataDir.resolve("admin-token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(token.value()).matches("[A-Za-z0-9_-]{43}");
    assertThat(Files.readString(file).strip()).isEqualTo(token.value());
  }

  @Test
  void laterStartsAndTheCliReadTheSameToken() {
    AdminToken first = AdminToken.createOrRead(dir);

    assertThat(AdminToken.createOrRead(dir).value()).isEqualTo(first.value());
    assertThat(AdminToken.read(dir)).get().extracting(AdminToken::value).isEqualTo(first.value());
  }

  @Test
  void twoDataDirectoriesGetDifferentTokens() {
    assertThat(AdminToken.createOrRead(dir.resolve("a")).value())
        .isNotEqualTo(AdminToken.createOrRead(dir.resolve("b")).value());
  }

  @Test
  void withoutATokenFileThereIsNoToken() {
    assertThat(AdminToken.read(dir)).isEmpty();
  }

  @Test
  void onlyTheExactTokenMatchesAndItsValueIsNeverPrinted() {
    AdminToken token = AdminToken.createOrRead(dir);

    assertThat(token.matches(token.value())).isTrue();
    assertThat(token.matches(token.value() + "x")).isFalse();
    assertThat(token.matches(token.value().substring(1))).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
    assertThat(token.toString()).doesNotContain(token.value());
  }
}
