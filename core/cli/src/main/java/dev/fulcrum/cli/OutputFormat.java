package dev.fulcrum.cli;

/** How a command prints what it lists ({@code -o}). */
enum OutputFormat {
  /** Aligned columns for people. */
  TABLE,
  /** YAML. */
  YAML,
  /** Indented JSON. */
  JSON
}
