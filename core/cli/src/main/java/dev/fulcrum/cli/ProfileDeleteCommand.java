package dev.fulcrum.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fulcrum profile delete NAME@VERSION}: delete a profile version no cluster uses. */
@Command(
    name = "delete",
    description = {
      "Delete one profile version. A version that clusters use is refused (exit 1, naming the clusters): move them "
          + "to another version first.",
      "The built-in profiles (the server's profiles directory) are published again when the server starts."
    },
    mixinStandardHelpOptions = true)
final class ProfileDeleteCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Parameters(index = "0", paramLabel = "NAME@VERSION", description = "The profile version, e.g. observability@1.0.0.")
  private String reference;

  @Override
  public Integer call() {
    ProfileReference profile = ProfileReference.parse(reference);
    if (!profile.isVersioned()) {
      throw new ParameterException(
          spec.commandLine(),
          "NAME@VERSION: expected a profile and its version, e.g. observability@1.0.0, not '" + reference + "'");
    }
    client.client().deleteProfile(profile.name(), profile.version().orElseThrow());
    PrintWriter out = spec.commandLine().getOut();
    out.println("profile " + profile + " deleted");
    out.flush();
    return 0;
  }
}
