package dev.fulcrum.sandbox.api;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Kubernetes object-name rules and {@code generateName}. */
public final class Names {

  /** The alphabet the apiserver draws generated suffixes from (no vowels, no look-alikes). */
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int SUFFIX_LENGTH = 5;
  private static final int MAX_GENERATE_NAME_PREFIX = 63 - SUFFIX_LENGTH;
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Names() {}

  /** {@code prefix} (trimmed like the apiserver) plus five random characters. */
  public static String generate(String prefix) {
    String base = prefix.length() > MAX_GENERATE_NAME_PREFIX ? prefix.substring(0, MAX_GENERATE_NAME_PREFIX) : prefix;
    StringBuilder name = new StringBuilder(base);
    for (int i = 0; i < SUFFIX_LENGTH; i++) {
      name.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
    }
    return name.toString();
  }

  /** Null when {@code name} is a valid RFC 1123 label (namespace and cluster names), else why not. */
  public static String dnsLabelProblem(String name) {
    if (name.length() > 63) {
      return "must be no more than 63 characters";
    }
    return DNS_LABEL.matcher(name).matches() ? null
        : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
            + "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc')";
  }

  /** Null when {@code name} is a valid RFC 1123 subdomain (most object names), else why not. */
  public static String dnsSubdomainProblem(String name) {
    if (name.length() > 253) {
      return "must be no more than 253 characters";
    }
    return DNS_SUBDOMAIN.matcher(name).matches() ? null
        : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
            + "start and end with an alphanumeric character (e.g. 'example.com')";
  }

  /**
   * Null when {@code name} is acceptable as an object name of {@code type}. RBAC objects allow any name
   * without '/' or '%' (they use {@code system:…}); namespaces need a DNS label; the rest a DNS subdomain.
   */
  public static String objectNameProblem(ResourceType type, String name) {
    if (name.equals(".") || name.equals("..")) {
      return "may not be '" + name + "'";
    }
    if (name.contains("/") || name.contains("%")) {
      return "may not contain '/' or '%'";
    }
    if (type.group().equals("rbac.authorization.k8s.io")) {
      return null;
    }
    if (type.is("", "namespaces")) {
      return dnsLabelProblem(name);
    }
    return dnsSubdomainProblem(name);
  }
}
