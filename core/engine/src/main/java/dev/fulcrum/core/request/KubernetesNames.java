package dev.fulcrum.core.request;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes' name rules (apimachinery's {@code IsDNS1123Label}, {@code IsDNS1123Subdomain},
 * {@code IsQualifiedName}, {@code IsValidLabelValue}). Each check returns what is wrong, to be
 * reported at the caller's path, or empty when the value is fine.
 */
public final class KubernetesNames {
  /** Kubernetes' own limit for a DNS-1123 label. */
  public static final int MAX_LABEL_LENGTH = 63;

  private static final int MAX_SUBDOMAIN_LENGTH = 253;
  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
  private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private KubernetesNames() {}

  /** A DNS-1123 label of at most {@code maxLength} characters. */
  public static Optional<String> dnsLabelProblem(String value, int maxLength) {
    return dnsLabelProblem(value, maxLength, "");
  }

  /**
   * A DNS-1123 label of at most {@code maxLength} characters.
   *
   * @param whyThatLong why the limit is {@code maxLength}, for the message; may be empty
   */
  static Optional<String> dnsLabelProblem(String value, int maxLength, String whyThatLong) {
    if (value.length() > maxLength) {
      return Optional.of(
          "must be at most " + maxLength + " characters long" + (whyThatLong.isEmpty() ? "" : " " + whyThatLong)
              + "; got " + value.length());
    }
    if (!DNS_LABEL.matcher(value).matches()) {
      return Optional.of(
          "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a"
              + " letter or digit; got "
              + Values.quote(value));
    }
    return Optional.empty();
  }

  /** A DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
  static Optional<String> dnsSubdomainProblem(String value) {
    if (value.length() > MAX_SUBDOMAIN_LENGTH) {
      return Optional.of("must be at most " + MAX_SUBDOMAIN_LENGTH + " characters long; got " + value.length());
    }
    if (!DNS_SUBDOMAIN.matcher(value).matches()) {
      return Optional.of(
          "must be a DNS-1123 subdomain: dot-separated parts of lower-case letters, digits and '-',"
              + " each starting and ending with a letter or digit; got "
              + Values.quote(value));
    }
    return Optional.empty();
  }

  /** A label or annotation key: an optional DNS-subdomain prefix and '/', then a name of at most 63. */
  static Optional<String> qualifiedNameProblem(String key) {
    int slash = key.lastIndexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      Optional<String> prefixProblem = dnsSubdomainProblem(key.substring(0, slash));
      if (prefixProblem.isPresent()) {
        return Optional.of("the key's prefix (before '/') " + prefixProblem.get());
      }
    }
    if (name.length() > MAX_LABEL_LENGTH || !QUALIFIED_NAME_PART.matcher(name).matches()) {
      return Optional.of(
          "must be a qualified name: an optional DNS-subdomain prefix and '/', then at most 63"
              + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
    }
    return Optional.empty();
  }

  /** A label value: empty, or at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends. */
  public static Optional<String> labelValueProblem(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > MAX_LABEL_LENGTH || !QUALIFIED_NAME_PART.matcher(value).matches()) {
      return Optional.of(
          "must be a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and"
              + " ending with a letter or digit; got "
              + Values.quote(value));
    }
    return Optional.empty();
  }
}
