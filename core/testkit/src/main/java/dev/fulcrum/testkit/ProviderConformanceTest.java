package dev.fulcrum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.networknt.schema.Schema;
import dev.fulcrum.spi.AddonLayer;
import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.Manifest;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.ProviderComponent;
import dev.fulcrum.spi.ProviderDescriptor;
import dev.fulcrum.spi.Settings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.pf4j.Extension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance suite every infrastructure provider runs (in the style of Trino's
 * {@code BaseConnectorTest}): a provider's test extends this class and supplies the provider, a
 * sample request and requests it must reject. The suite checks the contract the core relies on: a
 * sane descriptor, objects the upstream CRDs accept, deterministic rendering, content-addressed
 * machine templates, SSH keys reaching every node, no credential values anywhere, and field-path
 * errors for bad settings.
 *
 * <p>CRD checks read the upstream CRDs through {@link CrdSchemas#loadOrSkip()}: without them those
 * tests are reported as skipped, loudly.
 */
public abstract class ProviderConformanceTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NAMESPACE = "conformance";

  /** The provider under test, as its plugin would instantiate it. */
  protected abstract InfrastructureProvider provider();

  /**
   * A valid request for this provider with one control-plane pool, two worker pools with different
   * machine settings and two SSH keys ({@link SampleRequests} helps). Credentials, if the provider
   * takes any, by reference.
   */
  protected abstract ClusterRequest sampleRequest();

  /** Valid machine settings that differ from those of the sample's first worker pool. */
  protected abstract Settings changedMachineSettings();

  /** Requests the provider's schemas or {@code validate()} must reject, each with the path it must name. */
  protected abstract List<InvalidRequest> invalidRequests();

  /**
   * A request that must be rejected.
   *
   * @param expectedPath the field path an error must name, e.g. {@code spec.infrastructure.region}
   * @param request the request
   */
  public record InvalidRequest(String expectedPath, ClusterRequest request) {
    public InvalidRequest {
      Objects.requireNonNull(expectedPath, "expectedPath");
      Objects.requireNonNull(request, "request");
    }
  }

  /** Shorthand for {@code new InvalidRequest(expectedPath, request)}. */
  protected static InvalidRequest invalid(String expectedPath, ClusterRequest request) {
    return new InvalidRequest(expectedPath, request);
  }

  // ---------------------------------------------------------------- descriptor

  @Test
  void sampleRequestExercisesTheSuite() {
    ClusterRequest request = sampleRequest();
    assertThat(request.provider()).isEqualTo(provider().descriptor().id());
    assertThat(request.workerPools()).as("worker pools in the sample").hasSize(2);
    assertThat(request.workerPools().get(0).machine())
        .as("the two worker pools' machine settings")
        .isNotEqualTo(request.workerPools().get(1).machine());
    assertThat(request.sshAuthorizedKeys()).as("SSH keys in the sample").hasSizeGreaterThanOrEqualTo(2);
    assertThat(changedMachineSettings()).isNotEqualTo(request.workerPools().get(0).machine());
  }

  @Test
  void descriptorIsSane() {
    ProviderDescriptor descriptor = provider().descriptor();
    assertThat(descriptor.displayName()).isNotBlank();
    assertThat(descriptor.apiVersion()).matches("[a-z0-9.-]+\\.[a-z]+/v[0-9]+((alpha|beta)[0-9]+)?");
    assertThat(descriptor.clusterKind()).isNotEqualTo(descriptor.machineKind());
    assertThat(descriptor.machineTemplateKind()).isEqualTo(descriptor.machineKind() + "Template");
    assertThat(descriptor.components())
        .as("the clusterctl infrastructure provider component")
        .filteredOn(component -> component.type().equals("InfrastructureProvider"))
        .singleElement()
        .satisfies(component -> assertThat(component.version()).matches("v\\d+\\.\\d+\\.\\d+"));
    assertThat(descriptor.components()).extracting(ProviderComponent::name).doesNotHaveDuplicates();
    assertThat(provider().descriptor()).as("descriptor() is stable").isEqualTo(descriptor);
  }

  @Test
  void descriptorKindsAreServedByTheUpstreamCrds() {
    ProviderDescriptor descriptor = provider().descriptor();
    CrdSchemas crds = CrdSchemas.loadOrSkip();
    for (String kind : List.of(descriptor.clusterKind(), descriptor.machineKind(), descriptor.machineTemplateKind())) {
      assertThat(crds.serves(descriptor.apiVersion(), kind))
          .as("%s at %s in %s", kind, descriptor.apiVersion(), crds.directory())
          .isTrue();
    }
  }

  @Test
  void contractMatchesTheUpstreamStatusFields() {
    ProviderDescriptor descriptor = provider().descriptor();
    CrdSchemas crds = CrdSchemas.loadOrSkip();
    for (String kind : List.of(descriptor.clusterKind(), descriptor.machineKind())) {
      JsonNode status = crds.openApiSchema(descriptor.apiVersion(), kind).orElseThrow()
          .path("properties").path("status").path("properties");
      JsonNode readiness = descriptor.contract().equals("v1beta2")
          ? status.path("initialization").path("properties").path("provisioned")
          : status.path("ready");
      assertThat(readiness.isMissingNode())
          .as("%s declares the %s readiness field", kind, descriptor.contract())
          .isFalse();
    }
  }

  @Test
  void credentialKindsExistUpstream() {
    ProviderDescriptor descriptor = provider().descriptor();
    List<String> identityKinds =
        descriptor.credentials().kinds().stream().filter(kind -> !kind.equals("Secret")).toList();
    if (identityKinds.isEmpty()) {
      return;
    }
    CrdSchemas crds = CrdSchemas.loadOrSkip();
    assertThat(identityKinds).allSatisfy(kind -> assertThat(crds.defines(descriptor.apiGroup(), kind))
        .as("a CRD for %s in %s", kind, descriptor.apiGroup())
        .isTrue());
  }

  @Test
  void settingsSchemasAreClosedDocumentedJsonSchemas() throws IOException {
    ProviderDescriptor descriptor = provider().descriptor();
    for (String schemaJson : List.of(descriptor.clusterSettingsSchema(), descriptor.machineSettingsSchema())) {
      Schema schema = SettingsSchemas.parse(schemaJson);
      JsonNode root = schema.getSchemaNode();
      assertThat(root.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(root.path("type").asString()).isEqualTo("object");
      assertThat(root.path("description").asString("")).as("schema description").isNotBlank();
      assertClosedAndDocumented("", root);
    }
  }

  private static void assertClosedAndDocumented(String path, JsonNode objectSchema) {
    JsonNode additionalProperties = objectSchema.path("additionalProperties");
    assertThat(additionalProperties.isBoolean() && !additionalProperties.asBoolean())
        .as("%s sets additionalProperties: false", path.isEmpty() ? "the root" : path)
        .isTrue();
    for (Map.Entry<String, JsonNode> property : objectSchema.path("properties").properties()) {
      String propertyPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
      assertThat(property.getValue().path("description").asString(""))
          .as("description of %s", propertyPath)
          .isNotBlank();
      if (property.getValue().has("properties")) {
        assertClosedAndDocumented(propertyPath, property.getValue());
      }
    }
  }

  // ---------------------------------------------------------------- validation

  @Test
  void sampleRequestIsValid() {
    ClusterRequest request = sampleRequest();
    assertThat(SettingsSchemas.validate(provider().descriptor(), request)).as("schema errors").isEmpty();
    assertThat(provider().validate(request)).as("validate()").isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> invalidRequestsAreRejectedWithFieldPaths() {
    List<InvalidRequest> cases = invalidRequests();
    assertThat(cases).as("invalid requests to try").isNotEmpty();
    return cases.stream().map(invalid -> DynamicTest.dynamicTest(invalid.expectedPath(), () -> {
      List<FieldError> errors = new ArrayList<>(SettingsSchemas.validate(provider().descriptor(), invalid.request()));
      assertThatCode(() -> errors.addAll(provider().validate(invalid.request())))
          .as("validate() reports, never throws")
          .doesNotThrowAnyException();
      assertThat(errors).extracting(FieldError::path).contains(invalid.expectedPath());
      assertThat(errors).allSatisfy(error -> {
        assertThat(error.path()).startsWith("spec.");
        assertThat(error.message()).isNotBlank();
      });
    }));
  }

  // ---------------------------------------------------------------- rendering

  @Test
  void infrastructureClusterIsAcceptedByTheUpstreamCrd() {
    ProviderDescriptor descriptor = provider().descriptor();
    Manifest cluster = provider().infrastructureCluster(sampleRequest());
    assertThat(cluster.apiVersion()).isEqualTo(descriptor.apiVersion());
    assertThat(cluster.kind()).isEqualTo(descriptor.clusterKind());
    assertThat(CrdSchemas.loadOrSkip().validate(KubernetesObjects.of(cluster, "sample", NAMESPACE))).isEmpty();
  }

  @Test
  void machineTemplateOfEveryPoolIsAcceptedByTheUpstreamCrd() {
    ProviderDescriptor descriptor = provider().descriptor();
    CrdSchemas crds = CrdSchemas.loadOrSkip();
    ClusterRequest request = sampleRequest();
    for (NodePool pool : request.allPools()) {
      Manifest template = provider().machineTemplate(request, pool);
      assertThat(template.apiVersion()).isEqualTo(descriptor.apiVersion());
      assertThat(template.kind()).isEqualTo(descriptor.machineTemplateKind());
      assertThat(crds.validate(KubernetesObjects.of(template, "sample-" + pool.name(), NAMESPACE)))
          .as("%s of %s", template.kind(), pool.path())
          .isEmpty();
    }
  }

  @Test
  void cloudInitOfEveryPoolFitsTheKubeadmBootstrapApi() {
    CrdSchemas crds = CrdSchemas.loadOrSkip();
    ClusterRequest request = sampleRequest();
    for (NodePool pool : request.allPools()) {
      CloudInit cloudInit = provider().cloudInit(request, pool);
      assertThat(cloudInit.files()).allSatisfy(file -> assertThat(file.path()).startsWith("/"));
      assertThat(crds.validate(KubernetesObjects.kubeadmConfigTemplate(cloudInit, "sample-" + pool.name(), NAMESPACE)))
          .as("cloud-init of %s", pool.path())
          .isEmpty();
    }
  }

  @Test
  void renderingIsDeterministic() {
    assertThat(renderAll(sampleRequest())).isEqualTo(renderAll(sampleRequest()));
  }

  private List<Object> renderAll(ClusterRequest request) {
    List<Object> rendered = new ArrayList<>();
    rendered.add(provider().infrastructureCluster(request));
    for (NodePool pool : request.allPools()) {
      rendered.add(provider().machineTemplate(request, pool));
      rendered.add(provider().cloudInit(request, pool));
    }
    rendered.add(provider().addons(request));
    // Equal values must also serialise identically, or content-derived names would drift.
    rendered.add(JSON.writeValueAsString(rendered));
    return rendered;
  }

  @Test
  void changedMachineSettingsGiveADifferentTemplate() {
    ClusterRequest request = sampleRequest();
    NodePool pool = request.workerPools().get(0);
    NodePool changed = new NodePool(pool.name(), pool.role(), pool.replicas(), changedMachineSettings(), pool.path());

    assertThat(provider().machineTemplate(request, changed).spec())
        .isNotEqualTo(provider().machineTemplate(request, pool).spec());
    assertThat(provider().machineTemplate(request, request.workerPools().get(1)).spec())
        .as("the sample's two worker pools")
        .isNotEqualTo(provider().machineTemplate(request, pool).spec());
  }

  @Test
  void replicasDoNotChangeTheTemplate() {
    ClusterRequest request = sampleRequest();
    NodePool pool = request.workerPools().get(0);
    NodePool scaled = new NodePool(pool.name(), pool.role(), pool.replicas() + 2, pool.machine(), pool.path());

    // Scaling must not rotate machines: the template (and so its content-derived name) stays.
    assertThat(provider().machineTemplate(request, scaled)).isEqualTo(provider().machineTemplate(request, pool));
  }

  @Test
  void sshKeysReachEveryPool() {
    ClusterRequest request = sampleRequest();
    for (NodePool pool : request.allPools()) {
      List<String> carried = new ArrayList<>();
      provider().cloudInit(request, pool).users().forEach(user -> carried.addAll(user.sshAuthorizedKeys()));
      collectStrings(provider().machineTemplate(request, pool).spec(), carried);
      String everything = String.join("\n", carried) + "\n" + String.join("\n", decodedBase64(carried));
      assertThat(request.sshAuthorizedKeys())
          .as("keys reaching %s (kubeadm users or the machine template)", pool.path())
          .allSatisfy(key -> assertThat(everything).contains(key));
    }
  }

  private static void collectStrings(Object node, List<String> into) {
    if (node instanceof Map<?, ?> map) {
      map.values().forEach(value -> collectStrings(value, into));
    } else if (node instanceof List<?> list) {
      list.forEach(value -> collectStrings(value, into));
    } else if (node instanceof String text) {
      into.add(text);
    }
  }

  private static List<String> decodedBase64(List<String> values) {
    List<String> decoded = new ArrayList<>();
    for (String value : values) {
      try {
        decoded.add(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // most strings are not base64; only the ones that are can carry encoded keys
      }
    }
    return decoded;
  }

  @Test
  void noCredentialValueIsRendered() {
    ClusterRequest request = sampleRequest();
    List<String> findings = new ArrayList<>();
    Manifest cluster = provider().infrastructureCluster(request);
    findings.addAll(CredentialScan.findings(cluster.kind(), KubernetesObjects.of(cluster, "sample", NAMESPACE)));
    for (NodePool pool : request.allPools()) {
      Manifest template = provider().machineTemplate(request, pool);
      findings.addAll(CredentialScan.findings(pool.path(), KubernetesObjects.of(template, "t", NAMESPACE)));
      for (CloudInit.File file : provider().cloudInit(request, pool).files()) {
        if (file.content() == null) {
          continue; // read from a Secret by the bootstrap provider: nothing of it is in what Fulcrum renders
        }
        findings.addAll(CredentialScan.findingsInText(pool.path() + " file " + file.path(), file.content()));
      }
    }
    for (AddonLayer layer : provider().addons(request)) {
      if (layer instanceof AddonLayer.HelmChart chart) {
        findings.addAll(CredentialScan.findings("addon " + chart.name(), chart.values()));
      } else if (layer instanceof AddonLayer.Manifests manifests) {
        findings.addAll(CredentialScan.findingsInText("addon " + manifests.name(), manifests.yaml()));
      }
    }
    assertThat(findings).isEmpty();
  }

  @Test
  void addonsAreWellFormed() {
    List<AddonLayer> addons = provider().addons(sampleRequest());
    assertThat(addons).extracting(AddonLayer::name).doesNotHaveDuplicates()
        .allSatisfy(name -> assertThat(name).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
    assertThat(addons).allSatisfy(layer -> assertThat(layer.namespace()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
    assertThat(addons).filteredOn(AddonLayer.HelmChart.class::isInstance).map(AddonLayer.HelmChart.class::cast)
        .allSatisfy(chart -> {
          assertThat(chart.repository()).matches("(https|oci)://.+");
          assertThat(chart.chart()).isNotBlank();
          assertThat(chart.version()).matches("v?\\d+\\.\\d+\\.\\d+.*");
        });
  }

  // ---------------------------------------------------------------- packaging

  @Test
  void providerIsAnIndexedPf4jExtension() throws IOException, URISyntaxException {
    Class<?> providerClass = provider().getClass();
    assertThat(providerClass.isAnnotationPresent(Extension.class)).as("@Extension on %s", providerClass).isTrue();
    Path classes = Path.of(providerClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path index = classes.resolve("META-INF/extensions.idx");
    assertThat(index).as("PF4J's extension index, written by its annotation processor").exists();
    assertThat(Files.readAllLines(index)).contains(providerClass.getName());
    assertThat(new HashSet<>(List.of(providerClass.getConstructors())))
        .as("a public no-argument constructor PF4J can call")
        .anySatisfy(constructor -> assertThat(constructor.getParameterCount()).isZero());
  }
}
