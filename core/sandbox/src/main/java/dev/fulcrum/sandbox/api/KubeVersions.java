package dev.fulcrum.sandbox.api;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' version priority order: GA before beta before alpha, higher numbers first, anything else last
 * in alphabetical order. Discovery lists versions in this order and the first is the preferred one.
 */
public final class KubeVersions {

  private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  /** Orders the highest-priority version first. */
  public static final Comparator<String> PRIORITY = KubeVersions::compare;

  private KubeVersions() {}

  private static int compare(String a, String b) {
    Matcher ma = KUBE_VERSION.matcher(a);
    Matcher mb = KUBE_VERSION.matcher(b);
    boolean ka = ma.matches();
    boolean kb = mb.matches();
    if (!ka || !kb) {
      return ka == kb ? a.compareTo(b) : (ka ? -1 : 1);
    }
    int stability = Integer.compare(stability(mb.group(2)), stability(ma.group(2)));
    if (stability != 0) {
      return stability;
    }
    int major = Integer.compare(Integer.parseInt(mb.group(1)), Integer.parseInt(ma.group(1)));
    if (major != 0 || ma.group(3) == null) {
      return major;
    }
    return Integer.compare(Integer.parseInt(mb.group(3)), Integer.parseInt(ma.group(3)));
  }

  private static int stability(String level) {
    if (level == null) {
      return 2;
    }
    return "beta".equals(level) ? 1 : 0;
  }
}
