package dev.fulcrum.core.request;

import dev.fulcrum.spi.CredentialPolicy;
import dev.fulcrum.spi.CredentialRef;
import dev.fulcrum.spi.ProviderDescriptor;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code spec.cloudAccountRef} under the provider's {@link CredentialPolicy}. The reference
 * only names the object holding the credentials; any other field is refused without echoing its
 * value, because that is where someone would paste a password.
 */
final class CredentialRefReader {
  private static final String FIELD = "cloudAccountRef";
  private static final String KIND = "kind";
  private static final String NAME = "name";
  private static final String CLOSED =
      "cloudAccountRef only names the object holding the credentials (kind, name);"
          + " credential values never go in a request";

  private CredentialRefReader() {}

  /** Reads the reference; with no known provider ({@code descriptor} empty) only its shape is checked. */
  static Optional<CredentialRef> read(StrictObject spec, Optional<ProviderDescriptor> descriptor, Problems problems) {
    String path = spec.path(FIELD);
    Optional<JsonNode> given = spec.value(FIELD);
    Optional<StrictObject> ref =
        given.flatMap(value -> StrictObject.of(value, path, Set.of(KIND, NAME), CLOSED, problems));
    Optional<String> kind = ref.flatMap(object -> object.string(KIND));
    Optional<String> name =
        ref.flatMap(object -> object.requiredString(NAME, "the name of the object holding the credentials"));
    name.flatMap(KubernetesNames::dnsSubdomainProblem)
        .ifPresent(problem -> problems.add(FieldPaths.field(path, NAME), problem));
    if (descriptor.isEmpty()) {
      return Optional.empty();
    }
    String provider = descriptor.get().id();
    CredentialPolicy policy = descriptor.get().credentials();
    if (given.isPresent() && !policy.allowed()) {
      problems.add(path, "the " + provider + " provider takes no cloud credentials; leave cloudAccountRef out");
      return Optional.empty();
    }
    if (given.isEmpty()) {
      if (policy.required()) {
        problems.add(
            path,
            "required by the " + provider + " provider: a reference {kind, name} to the object holding its"
                + " credentials, kind one of " + String.join(", ", policy.kinds())
                + " (default " + policy.defaultKind() + ")");
      }
      return Optional.empty();
    }
    String effectiveKind = kind.orElse(policy.defaultKind());
    if (!policy.kinds().contains(effectiveKind)) {
      problems.add(
          FieldPaths.field(path, KIND),
          "must be one of " + String.join(", ", policy.kinds()) + " for the " + provider + " provider; got "
              + Values.quote(effectiveKind));
      return Optional.empty();
    }
    return name.map(present -> new CredentialRef(effectiveKind, present));
  }
}
