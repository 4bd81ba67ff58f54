package dev.fulcrum.sandbox.capi;

import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Quotes every string a YAML 1.1 reader would not read back as a string. cloud-init reads its user data with a
 * YAML 1.1 parser, where {@code 0640} is an octal number and {@code on} a boolean; Jackson's default check leaves
 * such strings bare.
 */
final class YamlQuoting extends StringQuotingChecker {

  private static final long serialVersionUID = 1L;

  private static final Pattern NOT_A_STRING = Pattern.compile(String.join("|",
      "~|(?i:null|y|yes|n|no|true|false|on|off)|<<|=",
      "[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])*)",
      "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+",
      "[-+]?\\.(?i:inf)|\\.(?i:nan)",
      "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"));

  @Override
  public boolean needToQuoteName(String name) {
    return looksLikeAnotherType(name) || nameHasQuotableChar(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return looksLikeAnotherType(value) || valueHasQuotableChar(value);
  }

  private static boolean looksLikeAnotherType(String text) {
    return text.isEmpty() || NOT_A_STRING.matcher(text).matches();
  }
}
