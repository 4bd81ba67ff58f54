package dev.fulcrum.core.components;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates agent tokens (256 random bits, URL-safe base64 without padding) and checks a presented token against the
 * stored one in constant time. Each cluster gets its own token; the management plane keeps it in a Secret.
 */
public final class AgentTokens {
  /** Random bytes per token: 256 bits. */
  public static final int TOKEN_BYTES = 32;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  /** Tokens from a strong {@link SecureRandom}. */
  public AgentTokens() {
    this(new SecureRandom());
  }

  AgentTokens(SecureRandom random) {
    this.random = random;
  }

  /** A new token. */
  public AgentToken generate() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return new AgentToken(ENCODER.encodeToString(bytes));
  }

  /** A token read back from where it is stored (e.g. a Secret's data). */
  public static AgentToken of(String stored) {
    if (stored == null || stored.isEmpty()) {
      throw new IllegalArgumentException("the stored agent token is empty");
    }
    return new AgentToken(stored);
  }

  /**
   * Whether {@code presented} is the stored token. The time taken does not depend on where the two differ, so a
   * caller cannot find the token byte by byte; null or empty never matches.
   */
  public static boolean verify(String presented, AgentToken stored) {
    if (presented == null || presented.isEmpty() || stored == null) {
      return false;
    }
    return MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), stored.reveal().getBytes(StandardCharsets.UTF_8));
  }
}
