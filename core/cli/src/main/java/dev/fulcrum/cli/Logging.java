package dev.fulcrum.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels for a CLI run. The base configuration ({@code logback.xml}) writes to stderr only, so
 * stdout stays clean for command output, and is quiet: warnings and errors only, with PF4J's own
 * messages reduced to errors because the plugin registry reports every plugin problem itself.
 */
final class Logging {
  private static final Level QUIET = Level.WARN;
  private static final Level PF4J_QUIET = Level.ERROR;

  private Logging() {}

  /** Applies the levels for this run: debug everywhere when verbose, the quiet defaults otherwise. */
  static void configure(boolean verbose) {
    logger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(verbose ? Level.DEBUG : QUIET);
    logger("org.pf4j").setLevel(verbose ? Level.DEBUG : PF4J_QUIET);
  }

  /**
   * For the server: Fulcrum's own progress (steps, the API's address) at info, unless verbose; the
   * libraries stay quiet.
   */
  static void showServerProgress(boolean verbose) {
    logger("dev.fulcrum").setLevel(verbose ? Level.DEBUG : Level.INFO);
  }

  private static Logger logger(String name) {
    return (Logger) LoggerFactory.getLogger(name);
  }
}
