package dev.fulcrum.core.request;

import dev.fulcrum.spi.ClusterNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads {@code spec.network}: pod and service ranges and the cluster's DNS domain, with defaults. */
final class NetworkReader {
  static final String DEFAULT_POD_CIDR = "192.168.0.0/16";
  static final String DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
  static final String DEFAULT_SERVICE_DOMAIN = "cluster.local";

  private static final String NETWORK = "network";
  private static final String POD_CIDRS = "podCIDRs";
  private static final String SERVICE_CIDRS = "serviceCIDRs";
  private static final String SERVICE_DOMAIN = "serviceDomain";
  private static final Set<String> FIELDS = Set.of(POD_CIDRS, SERVICE_CIDRS, SERVICE_DOMAIN);

  private NetworkReader() {}

  /** Reads {@code spec.network}; an absent object or field takes its default. */
  static ClusterNetwork read(StrictObject spec, Problems problems) {
    Optional<StrictObject> network = spec.object(NETWORK, FIELDS);
    String path = spec.path(NETWORK);
    List<Range> pods = ranges(network, path, POD_CIDRS, DEFAULT_POD_CIDR, problems);
    List<Range> services = ranges(network, path, SERVICE_CIDRS, DEFAULT_SERVICE_CIDR, problems);
    for (Range service : services) {
      for (Range pod : pods) {
        if (service.cidr.overlaps(pod.cidr)) {
          problems.add(
              service.path,
              service.describe()
                  + " overlaps the "
                  + (pod.defaulted ? "default " : "")
                  + "pod range "
                  + pod.text
                  + " ("
                  + pod.path
                  + "); pod and service ranges must not overlap");
        }
      }
    }
    String domain = network.flatMap(object -> object.string(SERVICE_DOMAIN)).orElse(DEFAULT_SERVICE_DOMAIN);
    KubernetesNames.dnsSubdomainProblem(domain)
        .ifPresent(problem -> problems.add(FieldPaths.field(path, SERVICE_DOMAIN), problem));
    return new ClusterNetwork(texts(pods), texts(services), domain);
  }

  private static List<Range> ranges(
      Optional<StrictObject> network, String networkPath, String field, String defaultCidr, Problems problems) {
    Optional<JsonNode> given = network.flatMap(object -> object.value(field));
    if (given.isEmpty()) {
      Cidr cidr = Cidr.parse(defaultCidr).orElseThrow();
      return List.of(new Range(cidr, defaultCidr, FieldPaths.field(networkPath, field), true));
    }
    List<StrictObject.Element> elements = network.get().list(field);
    if (elements.isEmpty() && given.get().isArray()) {
      problems.add(
          FieldPaths.field(networkPath, field),
          "must list at least one range, or be left out for the default " + defaultCidr);
    }
    List<Range> ranges = new ArrayList<>();
    for (StrictObject.Element element : elements) {
      Optional<Range> range =
          Values.string(element.value(), element.path(), problems)
              .flatMap(text -> range(text, element.path(), problems));
      if (range.isEmpty()) {
        continue;
      }
      Optional<Range> sameFamily =
          ranges.stream().filter(other -> other.isIpv4() == range.get().isIpv4()).findFirst();
      if (sameFamily.isPresent()) {
        problems.add(
            element.path(),
            "at most one IPv4 and one IPv6 range are allowed (dual-stack), and "
                + sameFamily.get().path
                + " is already "
                + (range.get().isIpv4() ? "IPv4" : "IPv6"));
      } else {
        ranges.add(range.get());
      }
    }
    return ranges;
  }

  private static Optional<Range> range(String text, String path, Problems problems) {
    Optional<Cidr> cidr = Cidr.parse(text);
    if (cidr.isEmpty()) {
      problems.add(
          path,
          "must be an IPv4 or IPv6 range in CIDR notation, e.g. 10.96.0.0/12 or fd00:10:96::/108; got "
              + Values.quote(text));
      return Optional.empty();
    }
    if (cidr.get().hasHostBits()) {
      problems.add(
          path,
          "has bits set after the prefix; Kubernetes needs the range's network address, here "
              + cidr.get().networkRange()
              + ", got "
              + text);
      return Optional.empty();
    }
    return Optional.of(new Range(cidr.get(), text, path, false));
  }

  private static List<String> texts(List<Range> ranges) {
    return ranges.stream().map(Range::text).toList();
  }

  /** A range as given (or defaulted) and the path it came from. */
  private record Range(Cidr cidr, String text, String path, boolean defaulted) {
    boolean isIpv4() {
      return cidr.isIpv4();
    }

    String describe() {
      return defaulted ? "the default " + text : text;
    }
  }
}
