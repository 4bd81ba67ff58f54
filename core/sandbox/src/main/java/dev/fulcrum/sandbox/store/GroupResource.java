package dev.fulcrum.sandbox.store;

/**
 * A resource independent of its version ({@code deployments.apps}, {@code secrets}); objects are stored per
 * group-resource, so every served version of a custom resource shares one store.
 */
public record GroupResource(String group, String resource) {

  /** Parses the {@link #toString()} form. */
  public static GroupResource parse(String text) {
    int dot = text.indexOf('.');
    return dot < 0 ? new GroupResource("", text) : new GroupResource(text.substring(dot + 1), text.substring(0, dot));
  }

  @Override
  public String toString() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}
