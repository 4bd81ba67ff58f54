package dev.fulcrum.core.request;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.96.0.0/12}, {@code fd00:10:96::/108}).
 *
 * @param address the address, as an unsigned number of {@code width} bits
 * @param width 32 for IPv4, 128 for IPv6
 * @param prefix the prefix length
 */
record Cidr(BigInteger address, int width, int prefix) {
  private static final int IPV4_WIDTH = 32;
  private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
  // Only these characters, starting with a hex digit or ':', make InetAddress treat the text as an
  // IPv6 literal: it never falls back to a DNS lookup (JDK InetAddress.getAllByName).
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");
  private static final Pattern PREFIX = Pattern.compile("0|[1-9]\\d{0,2}");

  /**
   * Parses CIDR notation strictly (no leading zeros in IPv4, no zone, no IPv4-mapped IPv6 ranges).
   *
   * @return empty if the text is not a CIDR
   */
  static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || !PREFIX.matcher(text.substring(slash + 1)).matches()) {
      return Optional.empty();
    }
    String addressText = text.substring(0, slash);
    int prefix = Integer.parseInt(text.substring(slash + 1));
    Optional<byte[]> bytes = addressText.contains(":") ? ipv6(addressText) : ipv4(addressText);
    return bytes
        .map(address -> new Cidr(new BigInteger(1, address), address.length * Byte.SIZE, prefix))
        .filter(cidr -> cidr.prefix <= cidr.width);
  }

  boolean isIpv4() {
    return width == IPV4_WIDTH;
  }

  /** Whether bits beyond the prefix are set (Kubernetes requires a range's network address). */
  boolean hasHostBits() {
    return !address.equals(network());
  }

  /** This range with its host bits cleared, e.g. {@code 10.96.0.0/12} for {@code 10.96.0.1/12}. */
  Cidr networkRange() {
    return new Cidr(network(), width, prefix);
  }

  /** Whether the two ranges share an address. */
  boolean overlaps(Cidr other) {
    if (width != other.width) {
      return false;
    }
    int shift = width - Math.min(prefix, other.prefix);
    return address.shiftRight(shift).equals(other.address.shiftRight(shift));
  }

  @Override
  public String toString() {
    byte[] bytes = new byte[width / Byte.SIZE];
    byte[] raw = address.toByteArray();
    int copied = Math.min(raw.length, bytes.length);
    System.arraycopy(raw, raw.length - copied, bytes, bytes.length - copied, copied);
    try {
      return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException("a 4- or 16-byte address is always valid", impossible);
    }
  }

  private BigInteger network() {
    return address.shiftRight(width - prefix).shiftLeft(width - prefix);
  }

  private static Optional<byte[]> ipv4(String text) {
    if (!IPV4.matcher(text).matches()) {
      return Optional.empty();
    }
    String[] octets = text.split("\\.");
    byte[] bytes = new byte[octets.length];
    for (int i = 0; i < octets.length; i++) {
      int octet = Integer.parseInt(octets[i]);
      if (octet > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) octet;
    }
    return Optional.of(bytes);
  }

  private static Optional<byte[]> ipv6(String text) {
    if (!IPV6_CHARACTERS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      InetAddress address = InetAddress.getByName(text);
      // An IPv4-mapped literal (::ffff:a.b.c.d) comes back as an Inet4Address: not accepted.
      return address instanceof Inet6Address ? Optional.of(address.getAddress()) : Optional.empty();
    } catch (UnknownHostException invalid) {
      return Optional.empty();
    }
  }
}
