package dev.fulcrum.core.profiles;

import dev.fulcrum.core.request.Problems;
import dev.fulcrum.core.request.StrictObject;
import dev.fulcrum.core.request.Values;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a helm layer's {@code chart}: a packaged chart ({@code archive}, base64 {@code .tgz}, bounded) or
 * a remote one ({@code repository}, {@code name}, {@code version}); {@code path} is the CLI's to pack.
 */
final class ChartReader {
  private static final Set<String> CHART_FIELDS = Set.of("path", "archive", "repository", "name", "version");

  private ChartReader() {}

  static Optional<ChartSource> read(StrictObject layer, Problems problems) {
    Optional<StrictObject> chart =
        layer.requiredObject(
            "chart",
            CHART_FIELDS,
            "the layer's Helm chart: archive (a packaged chart, base64), or repository, name and version");
    if (chart.isEmpty()) {
      return Optional.empty();
    }
    StrictObject c = chart.get();
    if (c.value("path").isPresent()) {
      problems.add(
          c.path("path"), "is read by the CLI, which packs the chart into chart.archive; send archive instead");
      return Optional.empty();
    }
    Optional<String> archive = c.string("archive");
    boolean remote = c.value("repository").isPresent() || c.value("name").isPresent() || c.value("version").isPresent();
    if (archive.isPresent() && remote) {
      problems.add(c.path(), "must have either archive or repository, name and version, not both");
      return Optional.empty();
    }
    if (archive.isPresent()) {
      return archive(archive.get(), c.path("archive"), problems);
    }
    if (!remote) {
      problems.add(c.path(), "required: archive (a packaged chart, base64), or repository, name and version");
      return Optional.empty();
    }
    Optional<String> repository =
        c.requiredString("repository", "the Helm repository URL (https://…) or OCI reference (oci://…)");
    Optional<String> name = c.requiredString("name", "the chart name");
    Optional<String> version = c.requiredString("version", "the chart version");
    if (repository.isPresent() && !repository.get().matches("(https?|oci)://[^\\s]+")) {
      problems.add(
          c.path("repository"), "must be an https://, http:// or oci:// URL; got " + Values.quote(repository.get()));
      return Optional.empty();
    }
    if (repository.isEmpty() || name.isEmpty() || version.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChartSource.Remote(repository.get(), name.get(), version.get()));
  }

  private static Optional<ChartSource> archive(String base64, String path, Problems problems) {
    byte[] tgz;
    try {
      tgz = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException notBase64) {
      problems.add(path, "must be a packaged chart (.tgz) in base64: " + notBase64.getMessage());
      return Optional.empty();
    }
    if (tgz.length > ProfileReader.MAX_ARCHIVE_BYTES) {
      problems.add(
          path, "is " + tgz.length + " bytes; a packaged chart may have at most " + ProfileReader.MAX_ARCHIVE_BYTES);
      return Optional.empty();
    }
    // gzip's magic bytes: anything else cannot be a packaged chart (Helm's message would be vaguer).
    if (tgz.length < 2 || (tgz[0] & 0xff) != 0x1f || (tgz[1] & 0xff) != 0x8b) {
      problems.add(path, "must be a packaged chart (.tgz, gzip-compressed) in base64; this is not gzip data");
      return Optional.empty();
    }
    return Optional.of(new ChartSource.Archive(tgz));
  }
}
