package dev.fulcrum.core.request;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** Builds OpenSSH public key lines from freshly generated JDK keys, and raw wire blobs. */
final class OpenSshKeys {
  private OpenSshKeys() {}

  static String ed25519() {
    byte[] spki = generate("Ed25519", null, 0).getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length); // X.509 ends with the 32-byte key
    return line("ssh-ed25519", text("ssh-ed25519"), raw);
  }

  /** An ECDSA key on nistp256, nistp384 or nistp521. */
  static String ecdsa(int bits) {
    ECPublicKey key = (ECPublicKey) generate("EC", new ECGenParameterSpec("secp" + bits + "r1"), 0);
    int size = (bits + 7) / 8;
    ByteBuffer point = ByteBuffer.allocate(1 + 2 * size);
    point.put((byte) 4).put(unsigned(key.getW().getAffineX(), size)).put(unsigned(key.getW().getAffineY(), size));
    String type = "ecdsa-sha2-nistp" + bits;
    return line(type, text(type), text("nistp" + bits), point.array());
  }

  static String rsa(int bits) {
    RSAPublicKey key = (RSAPublicKey) generate("RSA", null, bits);
    return line("ssh-rsa", text("ssh-rsa"), key.getPublicExponent().toByteArray(), key.getModulus().toByteArray());
  }

  /** {@code type base64(wire fields) test@example.com}. */
  static String line(String type, byte[]... fields) {
    return type + " " + Base64.getEncoder().encodeToString(blob(fields)) + " test@example.com";
  }

  /** The SSH wire encoding of the fields: each a 4-byte length and its bytes. */
  static byte[] blob(byte[]... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] field : fields) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
      out.writeBytes(field);
    }
    return out.toByteArray();
  }

  static byte[] text(String value) {
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  /** The base64 key data of a key line. */
  static String keyData(String line) {
    return line.split(" ")[1];
  }

  private static byte[] unsigned(BigInteger value, int size) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[size];
    int copied = Math.min(bytes.length, size);
    System.arraycopy(bytes, bytes.length - copied, fixed, size - copied, copied);
    return fixed;
  }

  private static PublicKey generate(String algorithm, ECGenParameterSpec curve, int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (curve != null) {
        generator.initialize(curve);
      } else if (bits > 0) {
        generator.initialize(bits);
      }
      return generator.generateKeyPair().getPublic();
    } catch (GeneralSecurityException unavailable) {
      throw new IllegalStateException("the JDK cannot generate " + algorithm + " keys", unavailable);
    }
  }
}
