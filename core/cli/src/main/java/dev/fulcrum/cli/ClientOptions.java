package dev.fulcrum.cli;

import dev.fulcrum.core.server.AdminToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a client command reaches the server: its URL and the administrator's token. */
final class ClientOptions {
  /** Where {@code fulcrum server} listens by default. */
  static final int DEFAULT_PORT = 7080;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "The Fulcrum server (default: $FULCRUM_SERVER, else the URL the server wrote to the data directory,"
              + " else http://127.0.0.1:" + DEFAULT_PORT + ").")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "The administrator's token (default: $FULCRUM_TOKEN, else the admin-token file of the data directory)."
              + " Prefer the environment: a command line is visible to other users.")
  String token;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "The server's data directory, where its admin-token is (default: $FULCRUM_DATA_DIR, else ~/.fulcrum).")
  Path dataDir;

  /** A client for the server and with the token from the options, the environment or the data directory. */
  ApiClient client() {
    return new ApiClient(server(), token().value());
  }

  private String server() {
    if (server != null) {
      return server;
    }
    String fromEnvironment = System.getenv("FULCRUM_SERVER");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    Path written = DataDirectory.resolve(dataDir).resolve(ServerCommand.URL_FILE);
    try {
      if (Files.isRegularFile(written)) {
        return Files.readString(written).strip();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + written, e);
    }
    return "http://127.0.0.1:" + DEFAULT_PORT;
  }

  private AdminToken token() {
    if (token != null) {
      return AdminToken.of(token);
    }
    String fromEnvironment = System.getenv("FULCRUM_TOKEN");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return AdminToken.of(fromEnvironment);
    }
    Path directory = DataDirectory.resolve(dataDir);
    return AdminToken.read(directory)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no admin token: " + directory.resolve(AdminToken.FILE_NAME) + " does not exist. Start the server"
                        + " ('fulcrum server' writes it there), or pass --token / set FULCRUM_TOKEN"));
  }
}
