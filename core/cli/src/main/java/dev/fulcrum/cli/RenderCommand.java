package dev.fulcrum.cli;

import dev.fulcrum.core.plugins.PluginProviderRegistry;
import dev.fulcrum.core.render.ClusterRenderer;
import dev.fulcrum.core.render.KubeObject;
import dev.fulcrum.core.render.Stage;
import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.core.request.RequestReader;
import dev.fulcrum.core.yaml.YamlDocuments;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fulcrum render}: a WorkloadCluster request in, its Cluster API objects out. */
@Command(
    name = "render",
    description = {
      "Print the Cluster API objects a WorkloadCluster request renders to.",
      "",
      "The request is validated first; the objects are printed as multi-document YAML on stdout. "
          + "An invalid request prints every problem on stderr as 'path: message' lines, prints nothing "
          + "on stdout and exits with 1."
    },
    mixinStandardHelpOptions = true)
final class RenderCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The WorkloadCluster request, YAML or JSON.")
  private Path file;

  @Option(
      names = "--stage",
      defaultValue = "initial",
      paramLabel = "STAGE",
      description =
          "initial (default): what the management plane applies first (the Cluster, the infrastructure "
              + "cluster, a one-node control plane and its machine template). full: everything the cluster "
              + "converges to after the pivot (the control plane at full size, every worker pool, the "
              + "health checks).")
  private Stage stage;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    byte[] input;
    try {
      input = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      err.println("fulcrum render: cannot read " + file + ": no such file");
      return 1;
    } catch (IOException e) {
      err.println("fulcrum render: cannot read " + file + ": " + e.getMessage());
      return 1;
    }

    try (PluginProviderRegistry providers = main.loadProviders()) {
      ClusterRequest request;
      try {
        request = new RequestReader(providers).read(input);
      } catch (InvalidRequestException e) {
        e.errors().stream().map(FieldError::toString).forEach(err::println);
        return 1;
      }
      List<KubeObject> objects = new ClusterRenderer(providers).render(request, stage);
      PrintWriter out = spec.commandLine().getOut();
      out.print(YamlDocuments.writeAll(objects));
      out.flush();
      return 0;
    } finally {
      err.flush();
    }
  }
}
