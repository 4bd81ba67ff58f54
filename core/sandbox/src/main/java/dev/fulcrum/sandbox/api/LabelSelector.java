package dev.fulcrum.sandbox.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed {@code labelSelector}: equality ({@code =}, {@code ==}, {@code !=}), set-based ({@code in},
 * {@code notin}), existence ({@code key}, {@code !key}) and numeric ({@code >}, {@code <}) requirements,
 * all of which must hold.
 */
public final class LabelSelector {

  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  private static final Pattern KEY =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

  private enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

  private record Requirement(String key, Operator operator, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> value != null && values.contains(value);
        case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
        case GREATER_THAN, LESS_THAN -> compareNumber(value);
      };
    }

    private boolean compareNumber(String value) {
      if (value == null) {
        return false;
      }
      try {
        long actual = Long.parseLong(value);
        long bound = Long.parseLong(values.iterator().next());
        return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  public boolean matchesEverything() {
    return requirements.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Requirement requirement : requirements) {
      if (!requirement.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** Parses the query-string form; throws 400 BadRequest naming the bad requirement. */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      requirements.add(requirement(part.trim(), text));
    }
    return new LabelSelector(requirements);
  }

  /** Splits on commas outside parentheses ({@code a in (x,y),b} has two requirements). */
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static Requirement requirement(String part, String whole) {
    if (part.isEmpty()) {
      throw invalid(whole, "found '', expected: identifier");
    }
    if (part.startsWith("!")) {
      return new Requirement(key(part.substring(1).trim(), whole), Operator.DOES_NOT_EXIST, Set.of());
    }
    String[] setOperation = part.split("\\s+(?=(in|notin)\\s*\\()", 2);
    if (setOperation.length == 2) {
      String rest = setOperation[1].trim();
      Operator operator = rest.startsWith("notin") ? Operator.NOT_IN : Operator.IN;
      String list = rest.substring(operator == Operator.IN ? 2 : 5).trim();
      if (!list.startsWith("(") || !list.endsWith(")")) {
        throw invalid(whole, "expected a parenthesised value list in '" + part + "'");
      }
      Set<String> values = new LinkedHashSet<>();
      for (String value : list.substring(1, list.length() - 1).split(",", -1)) {
        values.add(value(value.trim(), whole));
      }
      return new Requirement(key(setOperation[0].trim(), whole), operator, values);
    }
    for (String symbol : List.of("!=", "==", "=", ">", "<")) {
      int at = part.indexOf(symbol);
      if (at > 0) {
        String key = key(part.substring(0, at).trim(), whole);
        String value = value(part.substring(at + symbol.length()).trim(), whole);
        Operator operator = switch (symbol) {
          case "!=" -> Operator.NOT_EQUALS;
          case ">" -> Operator.GREATER_THAN;
          case "<" -> Operator.LESS_THAN;
          default -> Operator.EQUALS;
        };
        if ((operator == Operator.GREATER_THAN || operator == Operator.LESS_THAN) && !value.matches("-?\\d+")) {
          throw invalid(whole, "for '" + symbol + "' the value must be an integer: '" + value + "'");
        }
        return new Requirement(key, operator, Set.of(value));
      }
    }
    return new Requirement(key(part, whole), Operator.EXISTS, Set.of());
  }

  private static String key(String key, String whole) {
    if (!KEY.matcher(key).matches() || key.length() > 316) {
      throw invalid(whole, "invalid label key \"" + key + "\"");
    }
    return key;
  }

  private static String value(String value, String whole) {
    if (!VALUE.matcher(value).matches() || value.length() > 63) {
      throw invalid(whole, "invalid label value: \"" + value + "\"");
    }
    return value;
  }

  private static ApiException invalid(String whole, String why) {
    return ApiException.badRequest("unable to parse requirement: labelSelector \"" + whole + "\": " + why);
  }
}
