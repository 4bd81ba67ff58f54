package dev.fulcrum.sandbox.capi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SelfSignedCaTest {

  @Test
  void certificateIsAValidSelfSignedCaMatchingItsKey() throws Exception {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    SelfSignedCa.Pem pem = SelfSignedCa.create("kubernetes", now);

    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(pem.certificate().getBytes(StandardCharsets.US_ASCII)));
    certificate.verify(certificate.getPublicKey());
    certificate.checkValidity(java.util.Date.from(now));
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=kubernetes");
    assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
    assertThat(certificate.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now.plus(3650, ChronoUnit.DAYS));

    byte[] key = Base64.getMimeDecoder().decode(pem.privateKey().replaceAll("-----[A-Z ]+-----", ""));
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(key)));
    signature.update(new byte[] {1, 2, 3});
    byte[] signed = signature.sign();
    signature.initVerify(certificate.getPublicKey());
    signature.update(new byte[] {1, 2, 3});
    assertThat(signature.verify(signed)).as("the key belongs to the certificate").isTrue();
  }

  @Test
  void validityBeyond2049IsEncodedAsGeneralizedTime() throws Exception {
    Instant now = Instant.parse("2045-06-01T00:00:00Z");
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(SelfSignedCa.create("etcd-ca", now).certificate()
            .getBytes(StandardCharsets.US_ASCII)));
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now.plus(3650, ChronoUnit.DAYS));
  }
}
