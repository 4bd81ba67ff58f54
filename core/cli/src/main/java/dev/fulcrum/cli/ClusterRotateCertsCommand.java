package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fulcrum cluster rotate-certs NAME}: renew the control plane's certificates now. */
@Command(
    name = "rotate-certs",
    description = {
      "Renew the control plane's certificates now: every control-plane machine is replaced, one at a time, with "
          + "fresh certificates (spec.controlPlane.rolloutAfter). Certificates also rotate on their own 21 days "
          + "before they expire."
    },
    mixinStandardHelpOptions = true)
final class ClusterRotateCertsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Mixin private ProjectOption project;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
  private String name;

  @Override
  public Integer call() {
    ClusterRef ref = new ClusterRef(project.orDefault(), name);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return SpecChange.apply(
        client.client(),
        ref,
        clusterSpec -> clusterSpec.withObject("controlPlane").put("rolloutAfter", now),
        "control-plane machines created before " + now + " are replaced",
        spec.commandLine().getOut());
  }
}
