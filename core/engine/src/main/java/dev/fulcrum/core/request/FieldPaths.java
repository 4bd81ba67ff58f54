package dev.fulcrum.core.request;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Field paths in the request's own syntax: {@code spec.workerPools[1].machine.instanceType}. Keys
 * that are not plain identifiers are quoted: {@code metadata.labels["app.kubernetes.io/name"]}.
 */
public final class FieldPaths {
  /** The path of problems that concern the whole input rather than one field. */
  public static final String DOCUMENT = "(document)";

  /** Orders paths as a person reads them: {@code [2]} before {@code [10]}. */
  static final Comparator<String> ORDER = FieldPaths::compareNaturally;

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private FieldPaths() {}

  /** The path of a field of the object at {@code parent}; {@code parent} is empty at the root. */
  public static String field(String parent, String name) {
    if (!PLAIN_KEY.matcher(name).matches()) {
      return parent + "[\"" + printable(name.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"]";
    }
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** The text with control characters written as escapes, so that a message stays on one line. */
  public static String printable(String text) {
    StringBuilder printable = new StringBuilder(text.length());
    for (char character : text.toCharArray()) {
      if (Character.isISOControl(character)) {
        printable.append(String.format("\\u%04x", (int) character));
      } else {
        printable.append(character);
      }
    }
    return printable.toString();
  }

  /** The path of an element of the list at {@code parent}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  // Compares character by character, but runs of digits by their numeric value.
  private static int compareNaturally(String left, String right) {
    int i = 0;
    int j = 0;
    while (i < left.length() && j < right.length()) {
      char a = left.charAt(i);
      char b = right.charAt(j);
      if (Character.isDigit(a) && Character.isDigit(b)) {
        int endA = endOfDigits(left, i);
        int endB = endOfDigits(right, j);
        int byValue = compareDigitRuns(left.substring(i, endA), right.substring(j, endB));
        if (byValue != 0) {
          return byValue;
        }
        i = endA;
        j = endB;
      } else {
        if (a != b) {
          return Character.compare(a, b);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(left.length() - i, right.length() - j);
  }

  private static int endOfDigits(String text, int from) {
    int end = from;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private static int compareDigitRuns(String left, String right) {
    String a = left.replaceFirst("^0+(?=.)", "");
    String b = right.replaceFirst("^0+(?=.)", "");
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }
}
