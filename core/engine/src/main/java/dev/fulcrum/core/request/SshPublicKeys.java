package dev.fulcrum.core.request;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks {@code spec.sshAuthorizedKeys} entries: one OpenSSH public key line each
 * ({@code type base64-blob [comment]}), whose blob is decoded and checked in the SSH wire format
 * (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4).
 *
 * <p>No message ever quotes the key data or the comment; at most a known key type is named. A
 * private key gets its own message, because whoever pasted it has exposed it.
 */
final class SshPublicKeys {
  private static final int MIN_RSA_BITS = 2048;
  private static final int ED25519_KEY_BYTES = 32;
  private static final String ED25519 = "ssh-ed25519";
  private static final String RSA = "ssh-rsa";
  // Each ECDSA type, its curve name and the length of its uncompressed point (0x04 || X || Y).
  private static final Map<String, Curve> ECDSA =
      Map.of(
          "ecdsa-sha2-nistp256", new Curve("nistp256", 65),
          "ecdsa-sha2-nistp384", new Curve("nistp384", 97),
          "ecdsa-sha2-nistp521", new Curve("nistp521", 133));
  private static final String ACCEPTED =
      "ssh-ed25519, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521, or ssh-rsa of at least "
          + MIN_RSA_BITS
          + " bits";
  private static final Set<String> REFUSED_TYPES =
      Set.of(
          "ssh-dss",
          "sk-ssh-ed25519@openssh.com",
          "sk-ecdsa-sha2-nistp256@openssh.com",
          "ssh-ed25519-cert-v01@openssh.com",
          "ssh-rsa-cert-v01@openssh.com",
          "ecdsa-sha2-nistp256-cert-v01@openssh.com",
          "ecdsa-sha2-nistp384-cert-v01@openssh.com",
          "ecdsa-sha2-nistp521-cert-v01@openssh.com");
  // PEM (PKCS#1, PKCS#8, SEC1, OpenSSH), SSH.com, PuTTY, and a bare OpenSSH private-key body
  // ("openssh-key-v1" in base64).
  private static final Pattern PRIVATE_KEY =
      Pattern.compile(
          "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----"
              + "|PuTTY-User-Key-File-|b3BlbnNzaC1rZXktdjE");
  private static final Pattern OTHER_PUBLIC_FORMAT =
      Pattern.compile("-----BEGIN [A-Z0-9 ]*PUBLIC KEY-----|---- BEGIN SSH2 PUBLIC KEY ----");
  private static final Pattern FIELD_SEPARATOR = Pattern.compile("[ \t]+");

  private SshPublicKeys() {}

  /** What is wrong with the key line, or empty if it is an acceptable public key. */
  static Optional<String> problem(String key) {
    if (PRIVATE_KEY.matcher(key).find()) {
      return Optional.of(
          "is a PRIVATE key, and a private key must never be shared, here or anywhere: treat it as"
              + " exposed and replace it, then give the public key (the .pub file, e.g."
              + " ~/.ssh/id_ed25519.pub)");
    }
    if (OTHER_PUBLIC_FORMAT.matcher(key).find()) {
      return Optional.of(
          "is a public key in PEM or RFC 4716 format; give it as one OpenSSH line"
              + " 'ssh-ed25519 AAAA… comment' (ssh-keygen -i -f FILE converts it)");
    }
    String line = key.strip();
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      return Optional.of("must be a single line holding one key; give each key as its own list item");
    }
    String[] fields = FIELD_SEPARATOR.split(line, 3);
    String type = fields[0];
    if (!type.equals(ED25519) && !type.equals(RSA) && !ECDSA.containsKey(type)) {
      return Optional.of(
          REFUSED_TYPES.contains(type)
              ? "has key type " + Values.quote(type) + ", which is not accepted; use " + ACCEPTED
              : "must be an OpenSSH public key line 'TYPE BASE64-KEY [COMMENT]' of type " + ACCEPTED
                  + " (no options before the type)");
    }
    if (fields.length < 2) {
      return Optional.of("has no key data after " + Values.quote(type));
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(fields[1]);
    } catch (IllegalArgumentException notBase64) {
      return Optional.of("is not a valid " + type + " key: the key data is not valid base64");
    }
    try {
      checkBlob(type, blob);
      return Optional.empty();
    } catch (MalformedKey malformed) {
      return Optional.of("is not a valid " + type + " key: " + malformed.getMessage());
    }
  }

  private static void checkBlob(String type, byte[] blob) {
    Wire wire = new Wire(blob);
    if (!type.equals(wire.text())) {
      throw new MalformedKey("the key data holds a different key type than the line names");
    }
    if (type.equals(ED25519)) {
      if (wire.bytes().length != ED25519_KEY_BYTES) {
        throw new MalformedKey("an Ed25519 key is " + ED25519_KEY_BYTES + " bytes long");
      }
    } else if (type.equals(RSA)) {
      BigInteger exponent = wire.positiveInteger();
      BigInteger modulus = wire.positiveInteger();
      if (exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)) {
        throw new MalformedKey("the public exponent must be an odd number of at least 3");
      }
      if (modulus.bitLength() < MIN_RSA_BITS) {
        throw new MalformedKey(
            "an RSA key needs at least " + MIN_RSA_BITS + " bits, this one has " + modulus.bitLength()
                + "; generate a new one with ssh-keygen -t ed25519");
      }
    } else {
      Curve curve = ECDSA.get(type);
      if (!curve.name.equals(wire.text())) {
        throw new MalformedKey("the curve does not match the key type");
      }
      byte[] point = wire.bytes();
      if (point.length != curve.pointLength || point[0] != 0x04) {
        throw new MalformedKey("the curve point is not an uncompressed point of " + curve.name);
      }
    }
    if (wire.hasMore()) {
      throw new MalformedKey("there is extra data after the key");
    }
  }

  /** An ECDSA curve: its SSH name and the length of an uncompressed point. */
  private record Curve(String name, int pointLength) {}

  /** Reads SSH wire-format values: each a 4-byte big-endian length and that many bytes. */
  private static final class Wire {
    private final ByteBuffer buffer;

    Wire(byte[] blob) {
      this.buffer = ByteBuffer.wrap(blob);
    }

    byte[] bytes() {
      try {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
          throw new MalformedKey("the key data is cut short");
        }
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
      } catch (BufferUnderflowException cutShort) {
        throw new MalformedKey("the key data is cut short");
      }
    }

    String text() {
      return new String(bytes(), StandardCharsets.US_ASCII);
    }

    BigInteger positiveInteger() {
      byte[] twosComplement = bytes();
      BigInteger value = twosComplement.length == 0 ? BigInteger.ZERO : new BigInteger(twosComplement);
      if (value.signum() <= 0) {
        throw new MalformedKey("a key number is not positive");
      }
      return value;
    }

    boolean hasMore() {
      return buffer.hasRemaining();
    }
  }

  /** Why a key blob is malformed; never carries key data. */
  private static final class MalformedKey extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedKey(String reason) {
      super(reason, null, false, false);
    }
  }
}
