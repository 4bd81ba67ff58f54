package dev.fulcrum.core.plugins;

import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.ProviderDescriptor;
import dev.fulcrum.spi.SpiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of the PF4J plugin jars in one directory.
 *
 * <p>Jars load in file-name order. A jar that cannot be used is reported in {@link #statuses()} with
 * the reason, logged, and skipped; the others keep working: a corrupt jar or one without a provider
 * extension, a provider whose {@code descriptor()} throws ({@code FAILED}), a plugin whose
 * {@code Plugin-Requires} excludes this server's SPI version ({@code INCOMPATIBLE}), and a plugin or
 * provider id already taken by an earlier jar ({@code DUPLICATE}).
 *
 * <p>Plugin classes load in their own class loader; the SPI always comes from the server's. Closing
 * the registry stops and unloads every plugin.
 */
public final class PluginProviderRegistry implements ProviderRegistry, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PluginProviderRegistry.class);

  private final FulcrumPluginManager manager;
  private final Map<String, LoadedProvider> providers;
  private final List<PluginStatus> statuses;

  private PluginProviderRegistry(
      FulcrumPluginManager manager, Map<String, LoadedProvider> providers, List<PluginStatus> statuses) {
    this.manager = manager;
    this.providers = Collections.unmodifiableMap(providers);
    this.statuses = List.copyOf(statuses);
  }

  /**
   * Loads and starts every plugin jar ({@code *.jar}) in the directory. A missing directory gives an
   * empty registry.
   *
   * @throws UncheckedIOException if the directory exists but cannot be listed
   */
  public static PluginProviderRegistry load(Path pluginsDir) {
    FulcrumPluginManager manager = new FulcrumPluginManager(pluginsDir);
    Map<String, LoadedProvider> providers = new TreeMap<>();
    List<PluginStatus> statuses = new ArrayList<>();
    for (Path jar : pluginJars(pluginsDir)) {
      for (PluginStatus status : loadJar(manager, jar, providers)) {
        statuses.add(status);
        if (status.state() == PluginStatus.State.STARTED) {
          log.debug("Provider '{}' loaded from {}", status.providerId(), status.file());
        } else {
          log.warn("Plugin {} {}: {}", status.file(), status.state(), status.message());
        }
      }
    }
    return new PluginProviderRegistry(manager, providers, statuses);
  }

  @Override
  public Optional<InfrastructureProvider> find(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  @Override
  public SortedSet<String> ids() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(providers.keySet()));
  }

  /** What became of every plugin jar, in load order; one entry per provider extension. */
  public List<PluginStatus> statuses() {
    return statuses;
  }

  /** Stops and unloads every plugin; providers must not be used afterwards. */
  @Override
  public void close() {
    manager.stopPlugins();
    manager.unloadPlugins();
  }

  private static List<Path> pluginJars(Path pluginsDir) {
    if (!Files.isDirectory(pluginsDir)) {
      log.warn("Plugins directory {} does not exist: no providers loaded", pluginsDir);
      return List.of();
    }
    try (Stream<Path> files = Files.list(pluginsDir)) {
      return files
          .filter(file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(".jar"))
          .sorted(Comparator.comparing(file -> file.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugins directory " + pluginsDir, e);
    }
  }

  /** Loads one jar, registers its usable providers, and reports on it. */
  private static List<PluginStatus> loadJar(
      FulcrumPluginManager manager, Path jar, Map<String, LoadedProvider> providers) {
    String file = jar.getFileName().toString();
    PluginDescriptor descriptor;
    try {
      descriptor = manager.readDescriptor(jar);
    } catch (RuntimeException e) {
      return List.of(
          new Origin(file, null, null, null).status(PluginStatus.State.FAILED, "not a plugin jar: " + describe(e)));
    }
    String pluginId = descriptor.getPluginId();
    Origin origin = new Origin(file, pluginId, descriptor.getVersion(), descriptor.getRequires());
    PluginWrapper loaded = manager.getPlugin(pluginId);
    if (loaded != null) {
      return List.of(
          origin.status(
              PluginStatus.State.DUPLICATE,
              "plugin id '" + pluginId + "' is already loaded from " + loaded.getPluginPath().getFileName()));
    }
    try {
      manager.loadPlugin(jar);
    } catch (RuntimeException e) {
      return List.of(origin.status(PluginStatus.State.FAILED, "cannot load: " + describe(e)));
    }

    PluginWrapper plugin = manager.getPlugin(pluginId);
    if (plugin.getPluginState() == PluginState.DISABLED) {
      return List.of(disabled(manager, plugin, origin));
    }
    PluginState state;
    try {
      state = manager.startPlugin(pluginId);
    } catch (RuntimeException | LinkageError e) {
      return List.of(origin.status(PluginStatus.State.FAILED, "cannot start: " + describe(e)));
    }
    if (state != PluginState.STARTED) {
      return List.of(origin.status(PluginStatus.State.FAILED, "cannot start: " + describe(plugin.getFailedException())));
    }

    List<PluginStatus> statuses = new ArrayList<>();
    for (InfrastructureProvider extension : extensions(manager, origin, statuses)) {
      statuses.add(register(extension, origin, providers));
    }
    if (statuses.stream().noneMatch(status -> status.state() == PluginStatus.State.STARTED)) {
      manager.stopPlugin(pluginId);
    }
    return statuses;
  }

  private static PluginStatus disabled(FulcrumPluginManager manager, PluginWrapper plugin, Origin origin) {
    if (!manager.isCompatible(plugin)) {
      return origin.status(
          PluginStatus.State.INCOMPATIBLE,
          "requires SPI version " + origin.requires() + ", but this server implements SPI " + SpiVersion.CURRENT);
    }
    return origin.status(
        PluginStatus.State.DISABLED, "disabled by enabled.txt / disabled.txt in the plugins directory");
  }

  /** The plugin's provider extensions; on failure, none, with the reason added to {@code statuses}. */
  private static List<InfrastructureProvider> extensions(
      FulcrumPluginManager manager, Origin origin, List<PluginStatus> statuses) {
    List<InfrastructureProvider> extensions;
    try {
      extensions = manager.getExtensions(InfrastructureProvider.class, origin.pluginId());
    } catch (RuntimeException | LinkageError e) {
      statuses.add(origin.status(PluginStatus.State.FAILED, "cannot create its provider: " + describe(e)));
      return List.of();
    }
    if (extensions.isEmpty()) {
      statuses.add(
          origin.status(
              PluginStatus.State.FAILED,
              "has no " + InfrastructureProvider.class.getSimpleName()
                  + " extension (an @Extension class listed in META-INF/extensions.idx)"));
    }
    return extensions;
  }

  private static PluginStatus register(
      InfrastructureProvider extension, Origin origin, Map<String, LoadedProvider> providers) {
    ProviderDescriptor descriptor;
    try {
      descriptor = extension.descriptor();
    } catch (RuntimeException | LinkageError e) {
      return origin.status(PluginStatus.State.FAILED, extension.getClass().getName() + ".descriptor() failed: " + describe(e));
    }
    if (descriptor == null) {
      return origin.status(PluginStatus.State.FAILED, extension.getClass().getName() + ".descriptor() returned null");
    }
    LoadedProvider taken = providers.get(descriptor.id());
    if (taken != null) {
      return origin.status(
          descriptor,
          PluginStatus.State.DUPLICATE,
          "provider id '" + descriptor.id() + "' is already provided by " + taken.pluginLabel());
    }
    providers.put(descriptor.id(), new LoadedProvider(extension, descriptor, origin.label()));
    return origin.status(descriptor, PluginStatus.State.STARTED, null);
  }

  /** Every distinct message along a cause chain, so the root problem is visible. */
  private static String describe(Throwable failure) {
    if (failure == null) {
      return "no reason given";
    }
    Set<String> messages = new LinkedHashSet<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.add(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName());
    }
    return String.join(": ", messages);
  }

  /** Where a status comes from: the jar and what its manifest says. */
  private record Origin(String file, String pluginId, String version, String requires) {
    String label() {
      return "plugin '" + pluginId + "' (" + file + ")";
    }

    PluginStatus status(PluginStatus.State state, String message) {
      return new PluginStatus(file, pluginId, version, requires, null, null, null, List.of(), state, message);
    }

    PluginStatus status(ProviderDescriptor provider, PluginStatus.State state, String message) {
      return new PluginStatus(
          file,
          pluginId,
          version,
          requires,
          provider.id(),
          provider.displayName(),
          provider.apiVersion(),
          List.of(provider.clusterKind(), provider.machineTemplateKind()),
          state,
          message);
    }
  }
}
