package dev.fulcrum.core.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentTokensTest {
  private final AgentTokens tokens = new AgentTokens();

  @Test
  void tokensAre256RandomBitsUrlSafe() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String value = tokens.generate().reveal();
      assertThat(value).matches("[A-Za-z0-9_-]{43}");
      assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
      seen.add(value);
    }
    assertThat(seen).hasSize(200);
  }

  @Test
  void verifyAcceptsOnlyTheStoredToken() {
    AgentToken stored = tokens.generate();
    String value = stored.reveal();
    assertThat(AgentTokens.verify(value, AgentTokens.of(value))).isTrue();
    assertThat(AgentTokens.verify(value, tokens.generate())).isFalse();
    assertThat(AgentTokens.verify(value.substring(1), stored)).isFalse();
    assertThat(AgentTokens.verify(value + "x", stored)).isFalse();
    assertThat(AgentTokens.verify("", stored)).isFalse();
    assertThat(AgentTokens.verify(null, stored)).isFalse();
  }

  @Test
  void theTokenNeverShowsInItsStringForm() {
    AgentToken token = tokens.generate();
    assertThat(token.toString()).doesNotContain(token.reveal()).isEqualTo("AgentToken[redacted]");
    assertThat(String.valueOf(java.util.List.of(token))).doesNotContain(token.reveal());
  }
}
