package dev.fulcrum.core.request;

import static dev.fulcrum.core.request.Requests.errors;
import static dev.fulcrum.core.request.Requests.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.CredentialPolicy;
import dev.fulcrum.spi.CredentialRef;
import dev.fulcrum.spi.FieldError;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** spec.cloudAccountRef under each kind of CredentialPolicy. */
class CloudAccountRefTest {
  private final TestProvider lab = TestProvider.lab(); // optional: LabIdentity (default) or Secret
  private final RequestReader reader =
      TestProvider.readerFor(
          lab,
          TestProvider.permissive("local", CredentialPolicy.none()),
          TestProvider.permissive("vault", CredentialPolicy.required("VaultIdentity", "VaultIdentity", "Secret")));

  private static ObjectNode ref(ObjectNode request) {
    return (ObjectNode) spec(request).get("cloudAccountRef");
  }

  private static ObjectNode forProvider(String provider) {
    ObjectNode request = Requests.valid();
    spec(request).put("provider", provider);
    spec(request).putObject("infrastructure");
    ((ObjectNode) spec(request).get("controlPlane")).remove("machine");
    Requests.pool(request, 0).remove("machine");
    return request;
  }

  @Test
  void readsTheReference() {
    assertThat(reader.read(Requests.json(Requests.valid())).cloudAccountRef())
        .contains(new CredentialRef("Secret", "lab-account"));
  }

  @Test
  void defaultsTheKindToTheProvidersDefault() {
    ObjectNode request = Requests.valid();
    ref(request).remove("kind");

    assertThat(reader.read(Requests.json(request)).cloudAccountRef())
        .contains(new CredentialRef("LabIdentity", "lab-account"));
  }

  @Test
  void acceptsNoReferenceWhenOptional() {
    ObjectNode request = Requests.valid();
    spec(request).remove("cloudAccountRef");

    assertThat(reader.read(Requests.json(request)).cloudAccountRef()).isEqualTo(Optional.empty());
  }

  @Test
  void refusesAReferenceWhenTheProviderTakesNone() {
    ObjectNode request = forProvider("local");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.cloudAccountRef", "the local provider takes no cloud credentials; leave cloudAccountRef out"));
    spec(request).remove("cloudAccountRef");
    assertThat(reader.read(Requests.json(request)).cloudAccountRef()).isEmpty();
  }

  @Test
  void requiresAReferenceWhenTheProviderDoes() {
    ObjectNode request = forProvider("vault");
    spec(request).remove("cloudAccountRef");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.cloudAccountRef",
                "required by the vault provider: a reference {kind, name} to the object holding its credentials,"
                    + " kind one of VaultIdentity, Secret (default VaultIdentity)"));
  }

  @Test
  void refusesAKindTheProviderDoesNotAccept() {
    ObjectNode request = Requests.valid();
    ref(request).put("kind", "AWSClusterStaticIdentity");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "spec.cloudAccountRef.kind",
                "must be one of LabIdentity, Secret for the lab provider; got 'AWSClusterStaticIdentity'"));
  }

  @Test
  void requiresTheNameAsADnsSubdomain() {
    ObjectNode request = Requests.valid();
    ref(request).remove("name");
    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError("spec.cloudAccountRef.name", "required: the name of the object holding the credentials"));

    ref(request).put("name", "Lab Account");
    assertThat(errors(reader, request)).extracting(FieldError::path).containsExactly("spec.cloudAccountRef.name");

    ref(request).put("name", "accounts.lab-1");
    assertThat(reader.read(Requests.json(request)).cloudAccountRef())
        .contains(new CredentialRef("Secret", "accounts.lab-1"));
  }

  @Test
  void refusesCredentialValuesWithoutEchoingThem() {
    ObjectNode request = Requests.valid();
    ref(request).put("password", "Tr0ub4dor&3-hunter2");
    ref(request).putObject("data").put("token", "ghp_s3cr3tT0kenValue");

    InvalidRequestException refused = Requests.invalid(reader, Requests.json(request));

    String closed =
        "unknown field; cloudAccountRef only names the object holding the credentials (kind, name); credential"
            + " values never go in a request";
    assertThat(refused.errors())
        .containsExactly(
            new FieldError("spec.cloudAccountRef.data", closed),
            new FieldError("spec.cloudAccountRef.password", closed));
    assertThat(refused.getMessage() + refused)
        .doesNotContain("Tr0ub4dor")
        .doesNotContain("hunter2")
        .doesNotContain("s3cr3t");
  }
}
