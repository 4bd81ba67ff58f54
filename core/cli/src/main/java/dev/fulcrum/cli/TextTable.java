package dev.fulcrum.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Left-aligned text columns, as {@code kubectl get} prints them; empty cells show as {@code -}. */
final class TextTable {
  private static final String GAP = "   ";
  private static final String EMPTY = "-";

  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... headers) {
    rows.add(headers.clone());
  }

  /** Adds a row; it must have one cell per header. */
  TextTable row(String... cells) {
    if (cells.length != rows.get(0).length) {
      throw new IllegalArgumentException("expected " + rows.get(0).length + " cells, got " + cells.length);
    }
    rows.add(Arrays.stream(cells).map(cell -> cell == null || cell.isEmpty() ? EMPTY : cell).toArray(String[]::new));
    return this;
  }

  /** The table, one line per row; the last column is not padded. */
  @Override
  public String toString() {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        text.append(row[i]).append(" ".repeat(widths[i] - row[i].length())).append(GAP);
      }
      text.append(row[columns - 1]).append('\n');
    }
    return text.toString();
  }
}
