package dev.fulcrum.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Copies of the real plugin jars with a changed manifest, to exercise the server's refusals. */
final class PluginJarCopies {
  private PluginJarCopies() {}

  /** Copies {@code source} to {@code target}, setting the given manifest attributes. */
  static Path withManifest(Path source, Path target, Map<String, String> attributes) {
    try (InputStream in = Files.newInputStream(source);
        JarInputStream jar = new JarInputStream(in)) {
      Manifest manifest = new Manifest(jar.getManifest());
      attributes.forEach((name, value) -> manifest.getMainAttributes().put(new Attributes.Name(name), value));
      try (OutputStream out = Files.newOutputStream(target);
          JarOutputStream copy = new JarOutputStream(out, manifest)) {
        for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
          copy.putNextEntry(new JarEntry(entry.getName()));
          jar.transferTo(copy);
          copy.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** The built jar of a provider plugin, e.g. {@code fulcrum-plugin-vsphere-0.1.0-SNAPSHOT.jar}. */
  static Path builtJar(String providerId) throws IOException {
    try (var jars = Files.list(Fulcrum.PLUGINS)) {
      return jars.filter(jar -> jar.getFileName().toString().startsWith("fulcrum-plugin-" + providerId + "-"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no built plugin jar for " + providerId + " in " + Fulcrum.PLUGINS));
    }
  }

  /** A fresh plugins directory holding copies of the four built plugin jars. */
  static Path copyOfBuiltPlugins(Path dir) throws IOException {
    try (var jars = Files.list(Fulcrum.PLUGINS)) {
      for (Path jar : jars.toList()) {
        Files.copy(jar, dir.resolve(jar.getFileName()));
      }
    }
    return dir;
  }
}
