package dev.fulcrum.sandbox.capi;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Real key pairs and self-signed CA certificates for the cluster certificate Secrets, as kubeadm would create them.
 * ECDSA P-256 keeps generation fast when many clusters are simulated.
 */
final class SelfSignedCa {

  /** kubeadm's CA validity. */
  static final Duration VALIDITY = Duration.ofDays(3650);

  private static final SecureRandom RANDOM = new SecureRandom();

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
    X500Name name = new X500Name("CN=" + commonName);
    try {
      X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(128, RANDOM),
              // A little slack for clocks that lag behind, as kubeadm allows.
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(VALIDITY)),
              name,
              keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      return new Pem(pem("CERTIFICATE", certificate.getEncoded()), privateKeyPem(keys));
    } catch (CertIOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot build a CA certificate for " + commonName, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String publicKeyPem(KeyPair keys) {
    return pem("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  static String privateKeyPem(KeyPair keys) {
    return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  private static String pem(String type, byte[] der) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
