package dev.fulcrum.core.request;

import static dev.fulcrum.core.request.Requests.errors;
import static dev.fulcrum.core.request.Requests.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.ClusterNetwork;
import dev.fulcrum.spi.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** spec.network: CIDRs, families, overlap, the service domain, defaults. */
class NetworkTest {
  private final RequestReader reader = TestProvider.readerFor(TestProvider.lab());

  private static ObjectNode network(ObjectNode request) {
    return (ObjectNode) spec(request).get("network");
  }

  private static ObjectNode withNetwork(String podCidr, String serviceCidr) {
    ObjectNode request = Requests.valid();
    network(request).putArray("podCIDRs").add(podCidr);
    network(request).putArray("serviceCIDRs").add(serviceCidr);
    return request;
  }

  @Test
  void defaultsAnAbsentNetwork() {
    ObjectNode request = Requests.valid();
    spec(request).remove("network");

    assertThat(reader.read(Requests.json(request)).network())
        .isEqualTo(new ClusterNetwork(List.of("192.168.0.0/16"), List.of("10.96.0.0/12"), "cluster.local"));
  }

  @Test
  void defaultsEachAbsentField() {
    ObjectNode request = Requests.valid();
    network(request).remove("podCIDRs");
    network(request).remove("serviceDomain");
    network(request).putArray("serviceCIDRs").add("10.128.0.0/16");

    assertThat(reader.read(Requests.json(request)).network())
        .isEqualTo(new ClusterNetwork(List.of("192.168.0.0/16"), List.of("10.128.0.0/16"), "cluster.local"));
  }

  @Test
  void acceptsDualStack() {
    ObjectNode request = Requests.valid();
    network(request).putArray("podCIDRs").add("10.244.0.0/16").add("fd00:10:244::/56");
    network(request).putArray("serviceCIDRs").add("10.96.0.0/12").add("fd00:10:96::/112");

    ClusterNetwork network = reader.read(Requests.json(request)).network();

    assertThat(network.podCIDRs()).containsExactly("10.244.0.0/16", "fd00:10:244::/56");
    assertThat(network.serviceCIDRs()).containsExactly("10.96.0.0/12", "fd00:10:96::/112");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.96.0.0", "10.96.0.0/33", "10.96.0/12", "010.96.0.0/12", "256.0.0.0/8", "fd00::/129",
      "fd00::g/64", "fe80::%eth0/64", "::ffff:10.0.0.0/104", "example.com/24", "10.96.0.0/012"})
  void refusesWhatIsNotACidr(String cidr) {
    ObjectNode request = withNetwork("192.168.0.0/16", cidr);

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.network.serviceCIDRs[0]",
                "must be an IPv4 or IPv6 range in CIDR notation, e.g. 10.96.0.0/12 or fd00:10:96::/108; got '"
                    + cidr
                    + "'"));
  }

  @Test
  void refusesHostBitsNamingTheNetworkAddress() {
    ObjectNode request = withNetwork("192.168.1.0/16", "fd00:10:96::1/108");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.network.podCIDRs[0]",
                "has bits set after the prefix; Kubernetes needs the range's network address, here 192.168.0.0/16,"
                    + " got 192.168.1.0/16"),
            new FieldError(
                "spec.network.serviceCIDRs[0]",
                "has bits set after the prefix; Kubernetes needs the range's network address, here"
                    + " fd00:10:96:0:0:0:0:0/108, got fd00:10:96::1/108"));
  }

  @Test
  void allowsOneRangePerFamily() {
    ObjectNode request = Requests.valid();
    network(request).putArray("podCIDRs").add("10.244.0.0/16").add("10.245.0.0/16");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.network.podCIDRs[1]",
                "at most one IPv4 and one IPv6 range are allowed (dual-stack), and spec.network.podCIDRs[0] is"
                    + " already IPv4"));
  }

  @Test
  void refusesOverlappingPodAndServiceRangesNamingBoth() {
    ObjectNode request = withNetwork("10.0.0.0/8", "10.96.0.0/12");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.network.serviceCIDRs[0]",
                "10.96.0.0/12 overlaps the pod range 10.0.0.0/8 (spec.network.podCIDRs[0]); pod and service"
                    + " ranges must not overlap"));
  }

  @Test
  void checksOverlapWithADefaultRange() {
    ObjectNode request = Requests.valid();
    network(request).remove("podCIDRs");
    network(request).putArray("serviceCIDRs").add("192.168.128.0/17");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.network.serviceCIDRs[0]",
                "192.168.128.0/17 overlaps the default pod range 192.168.0.0/16 (spec.network.podCIDRs); pod"
                    + " and service ranges must not overlap"));
  }

  @Test
  void refusesAnEmptyRangeList() {
    ObjectNode request = Requests.valid();
    network(request).putArray("podCIDRs");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.network.podCIDRs",
                "must list at least one range, or be left out for the default 192.168.0.0/16"));
  }

  @Test
  void requiresTheServiceDomainToBeADnsSubdomain() {
    ObjectNode request = Requests.valid();
    network(request).put("serviceDomain", "Cluster_Local");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.network.serviceDomain",
                "must be a DNS-1123 subdomain: dot-separated parts of lower-case letters, digits and '-', each"
                    + " starting and ending with a letter or digit; got 'Cluster_Local'"));
  }
}
