package dev.fulcrum.core.profiles;

import java.util.Arrays;
import java.util.Objects;

/** Where a Helm layer's chart comes from. */
public sealed interface ChartSource permits ChartSource.Archive, ChartSource.Remote {

  /**
   * A packaged chart ({@code .tgz}) shipped with the profile ({@code chart.archive}, base64).
   *
   * @param tgz the archive's bytes
   */
  record Archive(byte[] tgz) implements ChartSource {
    public Archive {
      tgz = tgz.clone();
    }

    @Override
    public byte[] tgz() {
      return tgz.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Archive archive && Arrays.equals(tgz, archive.tgz);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(tgz);
    }

    @Override
    public String toString() {
      return "Archive[" + tgz.length + " bytes]";
    }
  }

  /**
   * A chart in a Helm repository ({@code https://…}) or OCI registry ({@code oci://…}), used only when
   * reachable.
   *
   * @param repository the repository URL or OCI reference (without the chart name)
   * @param name the chart name
   * @param version the chart version
   */
  record Remote(String repository, String name, String version) implements ChartSource {
    public Remote {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
    }
  }
}
