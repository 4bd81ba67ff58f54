package dev.fulcrum.core.plugins;

import java.util.List;

/**
 * What became of one plugin jar, or of one provider extension in it, when the server loaded its
 * plugins. Fields that could not be learnt (e.g. the plugin id of a corrupt jar) are null.
 *
 * @param file the plugin jar's file name
 * @param pluginId the manifest's {@code Plugin-Id}
 * @param pluginVersion the manifest's {@code Plugin-Version}
 * @param requires the manifest's {@code Plugin-Requires}: the SPI versions the plugin supports
 * @param providerId the provider id requests name in {@code spec.provider}
 * @param displayName the provider's display name
 * @param apiVersion the API version of the provider's infrastructure kinds
 * @param kinds the provider's infrastructure cluster and machine template kinds
 * @param state the outcome
 * @param message why the plugin is not usable; null when it is
 */
public record PluginStatus(
    String file,
    String pluginId,
    String pluginVersion,
    String requires,
    String providerId,
    String displayName,
    String apiVersion,
    List<String> kinds,
    State state,
    String message) {

  public PluginStatus {
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
  }

  /** The outcome of loading a plugin. */
  public enum State {
    /** Loaded and started; its provider is in use. */
    STARTED,
    /** Turned off by {@code disabled.txt} / {@code enabled.txt} in the plugins directory. */
    DISABLED,
    /** Could not be loaded, started or asked for its provider; see the message. */
    FAILED,
    /** Its {@code Plugin-Requires} range excludes this server's SPI version. */
    INCOMPATIBLE,
    /** Its plugin id or provider id is already taken by a plugin loaded before it. */
    DUPLICATE
  }
}
