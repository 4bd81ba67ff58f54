package dev.fulcrum.core.components;

import java.util.List;

/** A components repository cannot give what was asked: every problem found, each naming the file or directory. */
public final class ComponentsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  ComponentsException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  ComponentsException(String problem) {
    this(List.of(problem));
  }

  /** The problems, one sentence each. */
  public List<String> problems() {
    return problems;
  }
}
