package dev.fulcrum.core.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes real PF4J plugin jars from test classes, so loading is tested end to end. */
final class PluginJars {
  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final List<Class<?>> classes = new ArrayList<>();
  private final List<Class<?>> extensions = new ArrayList<>();

  private PluginJars(String pluginId) {
    manifest.put("Plugin-Id", pluginId);
    manifest.put("Plugin-Version", "1.2.3");
    manifest.put("Plugin-Requires", ">=1.0.0 & <2.0.0");
    manifest.put("Plugin-Provider", "Fulcrum tests");
  }

  static PluginJars plugin(String pluginId) {
    return new PluginJars(pluginId);
  }

  PluginJars manifest(String attribute, String value) {
    manifest.put(attribute, value);
    return this;
  }

  /** Packs the class without listing it as an extension. */
  PluginJars withClass(Class<?> type) {
    classes.add(type);
    return this;
  }

  /** Packs the class and lists it in {@code META-INF/extensions.idx}. */
  PluginJars withExtension(Class<?> type) {
    extensions.add(type);
    return withClass(type);
  }

  Path writeTo(Path dir, String fileName) {
    Manifest jarManifest = new Manifest();
    Attributes attributes = jarManifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((name, value) -> attributes.put(new Attributes.Name(name), value));
    Path jar = dir.resolve(fileName);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, jarManifest)) {
      for (Class<?> type : classes) {
        String entry = type.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(entry));
        try (InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
          bytes.transferTo(out);
        }
        out.closeEntry();
      }
      if (!extensions.isEmpty()) {
        out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
        for (Class<?> extension : extensions) {
          out.write((extension.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }
}
