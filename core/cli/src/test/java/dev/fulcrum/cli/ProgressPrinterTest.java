package dev.fulcrum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.cluster.Phase;
import dev.fulcrum.core.engine.ClusterProgress;
import dev.fulcrum.core.engine.ClusterProgress.State;
import dev.fulcrum.core.engine.ClusterProgress.StepProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private final StringWriter output = new StringWriter();
  private final ProgressPrinter printer =
      new ProgressPrinter(new PrintWriter(output), Clock.fixed(Instant.parse("2026-01-02T12:04:31Z"), ZoneOffset.UTC));

  @Test
  void printsEachStepThatChangedOnceAndSkipsStepsNotReached() {
    printer.print(progress(Phase.Provisioning, 1, step(1, "Accept", State.Done, "Valid", "ok"), pending(2, "RenderAndApply")));
    printer.print(progress(Phase.Provisioning, 1, step(1, "Accept", State.Done, "Valid", "ok"), pending(2, "RenderAndApply")));
    printer.print(progress(Phase.Running, 1, step(1, "Accept", State.Done, "Valid", "ok"), step(2, "RenderAndApply", State.Done, "Applied", "4 objects")));

    assertThat(output.toString().lines())
        .containsExactly(
            "12:04:31  1/2 Accept          Done        Valid: ok",
            "12:04:31  2/2 RenderAndApply  Done        Applied: 4 objects");
  }

  @Test
  void summarisesACompleteAndAFailedCluster() {
    assertThat(ProgressPrinter.summary(progress(Phase.Running, 1, step(1, "Accept", State.Done, "Valid", "ok"))))
        .isEqualTo("Cluster edge in project team-a: all 1 steps done (phase Running).");
    assertThat(ProgressPrinter.summary(progress(Phase.Failed, 1, step(1, "Accept", State.Failed, "Invalid", "spec.x: bad"))))
        .startsWith("Cluster edge in project team-a: step 1 Accept failed: Invalid: spec.x: bad");
  }

  private static ClusterProgress progress(Phase phase, long generation, StepProgress... steps) {
    String current =
        List.of(steps).stream().filter(step -> step.state() != State.Done).map(StepProgress::name).findFirst()
            .orElse(steps[steps.length - 1].name());
    return new ClusterProgress("team-a", "edge", phase, current, generation, generation, List.of(steps));
  }

  private static StepProgress step(int number, String name, State state, String reason, String message) {
    return new StepProgress(number, name, "does " + name, name + "Condition", state, reason, message, null);
  }

  private static StepProgress pending(int number, String name) {
    return step(number, name, State.Pending, "", "");
  }
}
