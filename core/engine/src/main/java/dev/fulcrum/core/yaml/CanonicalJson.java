package dev.fulcrum.core.yaml;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Digests of values by their canonical JSON ({@link Mappers#json()}: sorted keys, no nulls), so that
 * equal content always gives the same digest, whatever order it was built in.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The SHA-256 of the value's canonical JSON, as 64 lowercase hex characters. */
  public static String sha256Hex(Object value) {
    byte[] canonical = Mappers.json().writeValueAsBytes(value);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
