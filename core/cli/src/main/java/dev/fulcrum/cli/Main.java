package dev.fulcrum.cli;

import dev.fulcrum.core.plugins.PluginProviderRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code fulcrum} command. Each subcommand is its own class; options marked global here are
 * accepted before or after the subcommand name.
 *
 * <p>Exit codes follow picocli's convention: 0 success, 1 the command failed (e.g. an invalid
 * request; the problems are on stderr), 2 the command line itself is wrong.
 */
@Command(
    name = "fulcrum",
    description = "Multi-cloud Kubernetes cluster lifecycle on Cluster API.",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    subcommands = {
      ServerCommand.class,
      ClusterCommand.class,
      ProfileCommand.class,
      RenderCommand.class,
      PluginsCommand.class,
      SandboxCommand.class,
      DemoCommand.class,
      AgentCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the command failed (for example an invalid request); the problems are printed on stderr",
      "2:invalid command line"
    },
    footer = {"", "Run 'fulcrum help COMMAND' for a command's options."})
public final class Main {
  @Option(
      names = "--plugins-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      defaultValue = "${sys:fulcrum.home:-.}/plugins",
      description = "Directory of provider plugin jars (default: ${DEFAULT-VALUE})")
  private Path pluginsDir;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log debug messages to stderr.")
  private boolean verbose;

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * A configured command line; {@link CommandLine#setOut} / {@link CommandLine#setErr} redirect its
   * output (commands write only there).
   */
  public static CommandLine commandLine() {
    Main main = new Main();
    CommandLine commandLine = new CommandLine(main);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionStrategy(
        parseResult -> {
          Logging.configure(main.verbose);
          return new CommandLine.RunLast().execute(parseResult);
        });
    commandLine.setExecutionExceptionHandler(
        (failure, failedCommand, parseResult) -> {
          PrintWriter err = failedCommand.getErr();
          err.println("fulcrum: " + failure.getMessage());
          if (failure instanceof ApiException refused) {
            refused.errors().forEach(err::println);
          }
          if (main.verbose) {
            failure.printStackTrace(err);
          }
          err.flush();
          return failedCommand.getCommandSpec().exitCodeOnExecutionException();
        });
    return commandLine;
  }

  /** Loads the provider plugins of {@code --plugins-dir}; the caller closes the registry. */
  PluginProviderRegistry loadProviders() {
    return PluginProviderRegistry.load(pluginsDir);
  }

  /** {@code --plugins-dir}. */
  Path pluginsDir() {
    return pluginsDir;
  }

  /** {@code --verbose}. */
  boolean verbose() {
    return verbose;
  }

  /** This Fulcrum's version, from the jar manifest; empty in a development build. */
  static Optional<String> version() {
    return Optional.ofNullable(Main.class.getPackage().getImplementationVersion());
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"fulcrum " + version().orElse("(development build)")};
    }
  }
}
