package dev.fulcrum.sandbox.capi;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The cluster certificate Secrets KubeadmControlPlane generates unless the user provided them: {@code <cluster>-ca}
 * (cluster CA), {@code -etcd} (etcd CA), {@code -proxy} (front-proxy CA), each with {@code tls.crt}/{@code tls.key},
 * and {@code -sa} (the service-account signing key pair).
 */
final class ClusterCertificates {

  private record Authority(String suffix, String commonName) {}

  private static final Authority[] AUTHORITIES = {
      new Authority("ca", "kubernetes"), new Authority("etcd", "etcd-ca"), new Authority("proxy", "front-proxy-ca")};
  private static final String SERVICE_ACCOUNT = "sa";

  private ClusterCertificates() {}

  /**
   * Creates the missing certificate Secrets, owned by the control plane.
   *
   * @param existing the names of the cluster's Secrets that exist
   */
  static void ensure(KubeApi api, String clusterName, ApiObject controlPlane, Set<String> existing) {
    for (Authority authority : AUTHORITIES) {
      String name = clusterName + "-" + authority.suffix();
      if (!existing.contains(name)) {
        SelfSignedCa.Pem pem = SelfSignedCa.create(authority.commonName(), Instant.now());
        api.createIfMissing(Capi.SECRET, Secrets.clusterSecret(clusterName, controlPlane, name,
            Map.of("tls.crt", pem.certificate(), "tls.key", pem.privateKey())));
      }
    }
    String serviceAccount = clusterName + "-" + SERVICE_ACCOUNT;
    if (!existing.contains(serviceAccount)) {
      KeyPair keys = SelfSignedCa.keyPair();
      api.createIfMissing(Capi.SECRET, Secrets.clusterSecret(clusterName, controlPlane, serviceAccount,
          Map.of("tls.crt", SelfSignedCa.publicKeyPem(keys), "tls.key", SelfSignedCa.privateKeyPem(keys))));
    }
  }
}
