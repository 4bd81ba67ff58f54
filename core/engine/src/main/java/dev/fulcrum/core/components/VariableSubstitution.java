package dev.fulcrum.core.components;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.TextStringBuilder;
import org.apache.commons.text.matcher.StringMatcher;
import org.apache.commons.text.matcher.StringMatcherFactory;

/**
 * clusterctl's variable syntax in components files: {@code ${VAR}} (spaces inside the braces allowed), and a default
 * after {@code :=} or {@code :-} ({@code ${VAR:=default}}) used when the variable has no value. {@code $${VAR}} is a
 * literal {@code ${VAR}}. Values are inserted as they are, never substituted again.
 */
final class VariableSubstitution {
  private static final StringMatcherFactory MATCHERS = StringMatcherFactory.INSTANCE;
  private static final StringMatcher DEFAULT_DELIMITER =
      MATCHERS.andMatcher(MATCHERS.charMatcher(':'), MATCHERS.charSetMatcher("=-"));

  /** The text with every variable substituted, or the variables that have neither a value nor a default. */
  record Result(String text, Set<String> missing) {}

  private VariableSubstitution() {}

  static Result substitute(String text, Map<String, String> variables) {
    Set<String> missing = new TreeSet<>();
    StringSubstitutor substitutor =
        new StringSubstitutor(name -> variables.get(name.strip())) {
          @Override
          protected String resolveVariable(String name, TextStringBuilder buffer, int start, int end) {
            String value = super.resolveVariable(name, buffer, start, end);
            if (value == null && !hasDefault(buffer.substring(start, end))) {
              missing.add(name.strip());
            }
            return value;
          }
        };
    substitutor.setValueDelimiterMatcher(DEFAULT_DELIMITER);
    substitutor.setDisableSubstitutionInValues(true);
    String result = substitutor.replace(text);
    return new Result(result, missing);
  }

  /** Whether {@code ${…}} declares a default. */
  private static boolean hasDefault(String variable) {
    for (int i = 0; i < variable.length(); i++) {
      if (DEFAULT_DELIMITER.isMatch(variable, i) > 0) {
        return true;
      }
    }
    return false;
  }
}
