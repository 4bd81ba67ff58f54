package dev.fulcrum.core.yaml;

import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Decides which strings must be quoted so that every YAML reader, YAML 1.1 ones included (Go's
 * yaml.v2 behind many Kubernetes tools), reads them back as strings: anything a 1.1 or 1.2 resolver
 * would take for a null, boolean, integer (also octal {@code 0644}, hex, binary, sexagesimal), float
 * or timestamp. Jackson's default check misses some of these, e.g. {@code 0644}.
 */
final class TypeSafeQuoting extends StringQuotingChecker {
  private static final long serialVersionUID = 1L;

  private static final Pattern NON_STRING_SCALAR =
      Pattern.compile(
          String.join(
              "|",
              // null and the YAML 1.1 merge / value keys
              "~|null|Null|NULL|<<|=",
              // YAML 1.1 booleans (1.2 keeps only true/false)
              "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
              // integers: binary, octal (1.1 and 1.2), decimal, hex, sexagesimal
              "[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+",
              "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+",
              // floats, including exponents without a dot, sexagesimal, infinities and NaN
              "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+",
              "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*",
              "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
              // timestamps
              "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"));

  @Override
  public boolean needToQuoteName(String name) {
    return needsQuotes(name) || nameHasQuotableChar(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return needsQuotes(value) || valueHasQuotableChar(value);
  }

  private static boolean needsQuotes(String text) {
    return text.isEmpty() || NON_STRING_SCALAR.matcher(text).matches();
  }
}
