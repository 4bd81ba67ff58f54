package dev.fulcrum.plugins.vsphere;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP literals and CIDR ranges, parsed without ever resolving a host name. */
final class IpAddresses {
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  /** Characters of an IPv6 literal; anything else could make InetAddress try DNS. */
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private IpAddresses() {}

  /** The address bytes (4 or 16) of an IPv4 or IPv6 literal; empty for anything else. */
  static Optional<byte[]> parse(String literal) {
    if (!IPV4.matcher(literal).matches() && !IPV6_CHARACTERS.matcher(literal).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(literal).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code address} lies in {@code cidr} ({@code 10.96.0.0/12}); false if the CIDR does not parse. */
  static boolean contains(String cidr, byte[] address) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return false;
    }
    Optional<byte[]> network = parse(cidr.substring(0, slash));
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    if (network.isEmpty() || network.get().length != address.length || prefix < 0 || prefix > address.length * 8) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((network.get()[bit / 8] & mask) != (address[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
