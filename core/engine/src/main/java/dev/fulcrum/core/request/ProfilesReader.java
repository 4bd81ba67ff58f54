package dev.fulcrum.core.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code spec.profiles}: the cluster profiles the request asks for, by name and version. */
final class ProfilesReader {
  // Semantic Versioning 2.0.0, the pattern recommended at semver.org.
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
  private static final String NAME = "name";
  private static final String VERSION = "version";
  private static final Set<String> FIELDS = Set.of(NAME, VERSION);

  private ProfilesReader() {}

  static List<ProfileRef> read(StrictObject spec, Problems problems) {
    List<ProfileRef> profiles = new ArrayList<>();
    Map<String, String> namePaths = new HashMap<>();
    for (StrictObject.Element element : spec.list("profiles")) {
      Optional<StrictObject> profile = StrictObject.of(element.value(), element.path(), FIELDS, problems);
      if (profile.isEmpty()) {
        continue;
      }
      Optional<String> name = profile.get().requiredString(NAME, "the profile name");
      Optional<String> version = profile.get().requiredString(VERSION, "the profile version, e.g. 1.0.0");
      boolean valid = name.isPresent() && version.isPresent();
      if (name.isPresent()) {
        Optional<String> problem = KubernetesNames.dnsLabelProblem(name.get(), KubernetesNames.MAX_LABEL_LENGTH);
        String firstPath = namePaths.putIfAbsent(name.get(), profile.get().path(NAME));
        if (problem.isEmpty() && firstPath != null) {
          problem = Optional.of("duplicates " + firstPath + "; a profile can be asked for once");
        }
        problem.ifPresent(message -> problems.add(profile.get().path(NAME), message));
        valid &= problem.isEmpty();
      }
      if (version.isPresent() && !SEMVER.matcher(version.get()).matches()) {
        problems.add(
            profile.get().path(VERSION),
            "must be a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0 (no 'v'); got " + Values.quote(version.get()));
        valid = false;
      }
      if (valid) {
        profiles.add(new ProfileRef(name.get(), version.get()));
      }
    }
    return profiles;
  }
}
