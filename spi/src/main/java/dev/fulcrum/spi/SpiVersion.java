package dev.fulcrum.spi;

/**
 * The version of this SPI. A plugin declares a compatible range in its manifest, for example
 * {@code Plugin-Requires: >=1.0.0 & <2.0.0}; the server refuses a plugin whose range excludes
 * {@link #CURRENT}.
 */
public final class SpiVersion {
  /** The SPI version this jar implements. */
  public static final String CURRENT = "1.0.0";

  private SpiVersion() {}
}
