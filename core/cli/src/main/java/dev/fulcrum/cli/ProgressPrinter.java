package dev.fulcrum.cli;

import dev.fulcrum.core.engine.ClusterProgress;
import dev.fulcrum.core.engine.ClusterProgress.StepProgress;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints a cluster's progress as it changes: one line per step whose state, reason or message
 * changed since the last progress seen, e.g.
 *
 * <pre>
 * 12:04:31  2/3 RenderAndApply     Done        Applied: applied 4 objects to namespace team-a--dev-1: ...
 * </pre>
 */
final class ProgressPrinter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintWriter out;
  private final Clock clock;
  private final Map<String, String> shown = new HashMap<>();

  ProgressPrinter(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  void print(ClusterProgress progress) {
    int nameWidth = progress.steps().stream().mapToInt(step -> step.name().length()).max().orElse(0);
    String time = LocalTime.now(clock).truncatedTo(ChronoUnit.SECONDS).format(TIME);
    for (StepProgress step : progress.steps()) {
      String line =
          "%d/%d %-" + nameWidth + "s  %-10s  %s";
      String text =
          String.format(
              line, step.number(), progress.steps().size(), step.name(), step.state(), describe(step));
      if (!text.equals(shown.put(step.name(), text)) && (step.state() != ClusterProgress.State.Pending || !step.reason().isEmpty())) {
        out.println(time + "  " + text.stripTrailing());
      }
    }
    out.flush();
  }

  /** The closing line once a watch ends. */
  static String summary(ClusterProgress progress) {
    String cluster = "Cluster " + progress.name() + " in project " + progress.project();
    if (progress.isComplete()) {
      return cluster + ": all " + progress.steps().size() + " steps done (phase " + progress.phase() + ").";
    }
    StepProgress current =
        progress.steps().stream().filter(step -> step.name().equals(progress.step())).findFirst().orElseThrow();
    return cluster + ": step " + current.number() + " " + current.name() + " failed: " + describe(current)
        + System.lineSeparator() + "Change the request and apply it again.";
  }

  private static String describe(StepProgress step) {
    if (step.reason().isEmpty()) {
      return step.description();
    }
    return step.reason() + (step.message().isEmpty() ? "" : ": " + step.message());
  }
}
