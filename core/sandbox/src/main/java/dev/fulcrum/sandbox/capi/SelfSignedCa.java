package dev.fulcrum.sandbox.capi;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Real key pairs and self-signed CA certificates for the cluster certificate Secrets, with the JDK only: it
 * generates and signs, but has no public API to build a certificate, so the few DER structures of an X.509 v3 CA
 * certificate are encoded here. ECDSA P-256 keeps generation fast when many clusters are simulated.
 */
final class SelfSignedCa {

  /** kubeadm's CA validity. */
  static final Duration VALIDITY = Duration.ofDays(3650);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int[] ECDSA_WITH_SHA256 = {1, 2, 840, 10045, 4, 3, 2};
  private static final int[] COMMON_NAME = {2, 5, 4, 3};
  private static final int[] BASIC_CONSTRAINTS = {2, 5, 29, 19};
  private static final int[] KEY_USAGE = {2, 5, 29, 15};
  /** digitalSignature, keyEncipherment, keyCertSign: bits 0, 2 and 5; the two trailing bits unused. */
  private static final byte[] CA_KEY_USAGE = {0x02, (byte) 0xA4};
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  /** A PEM certificate ({@code tls.crt}) and its PKCS#8 PEM private key ({@code tls.key}). */
  record Pem(String certificate, String privateKey) {}

  private SelfSignedCa() {}

  static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides EC P-256 keys", e);
    }
  }

  /** A new CA: a fresh key pair and a certificate for {@code commonName}, valid from now on for {@link #VALIDITY}. */
  static Pem create(String commonName, Instant now) {
    KeyPair keys = keyPair();
    byte[] algorithm = sequence(oid(ECDSA_WITH_SHA256));
    byte[] name = sequence(set(sequence(oid(COMMON_NAME), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    byte[] serial = tlv(0x02, new BigInteger(1, randomBytes(16)).toByteArray());
    byte[] validity = sequence(time(now.minus(Duration.ofMinutes(5))), time(now.plus(VALIDITY)));
    byte[] extensions = tlv(0xA3, sequence(
        sequence(oid(BASIC_CONSTRAINTS), bool(true), tlv(0x04, sequence(bool(true)))),
        sequence(oid(KEY_USAGE), bool(true), tlv(0x04, tlv(0x03, CA_KEY_USAGE)))));
    byte[] version = tlv(0xA0, tlv(0x02, new byte[] {2}));
    byte[] toBeSigned = sequence(version, serial, algorithm, name, validity, name, keys.getPublic().getEncoded(),
        extensions);
    byte[] certificate = sequence(toBeSigned, algorithm, tlv(0x03, concat(new byte[] {0}, sign(toBeSigned, keys))));
    return new Pem(pem("CERTIFICATE", certificate), privateKeyPem(keys));
  }

  static String publicKeyPem(KeyPair keys) {
    return pem("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  static String privateKeyPem(KeyPair keys) {
    return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  private static byte[] sign(byte[] data, KeyPair keys) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(keys.getPrivate(), RANDOM);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides SHA256withECDSA", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] time(Instant instant) {
    int year = instant.atZone(ZoneOffset.UTC).getYear();
    return year >= 1950 && year < 2050
        ? tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII))
        : tlv(0x18, GENERALIZED_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] oid(int[] arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(40 * arcs[0] + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      int arc = arcs[i];
      int shift = 28;
      while (shift > 0 && (arc >>> shift) == 0) {
        shift -= 7;
      }
      for (; shift > 0; shift -= 7) {
        out.write(0x80 | ((arc >>> shift) & 0x7F));
      }
      out.write(arc & 0x7F);
    }
    return tlv(0x06, out.toByteArray());
  }

  private static byte[] bool(boolean value) {
    return tlv(0x01, new byte[] {value ? (byte) 0xFF : 0});
  }

  private static byte[] sequence(byte[]... parts) {
    return tlv(0x30, concat(parts));
  }

  private static byte[] set(byte[]... parts) {
    return tlv(0x31, concat(parts));
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
