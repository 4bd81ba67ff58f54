package dev.fulcrum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class CrdSchemasTest {
  private static final String INFRA_V1BETA2 = "infrastructure.cluster.x-k8s.io/v1beta2";

  private static CrdSchemas crds;

  @BeforeAll
  static void loadCrds() {
    crds = CrdSchemas.loadOrSkip();
  }

  private static Map<String, Object> object(String apiVersion, String kind, Map<String, ?> spec) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    object.put("metadata", Map.of("name", "c1", "namespace", "ns", "labels", Map.of("a", "b")));
    object.put("spec", spec);
    return object;
  }

  private static Map<String, Object> devCluster(Map<String, ?> spec) {
    return object(INFRA_V1BETA2, "DevCluster", spec);
  }

  @Test
  void validDevClusterPasses() {
    var cluster = devCluster(Map.of(
        "backend", Map.of("docker", Map.of()),
        "controlPlaneEndpoint", Map.of("host", "172.18.0.2", "port", 6443)));

    assertThat(crds.validate(cluster)).isEmpty();
  }

  @Test
  void misspeltFieldFailsNamingIt() {
    var cluster = devCluster(Map.of("backend", Map.of("dokcer", Map.of())));

    assertThat(crds.validate(cluster))
        .singleElement(STRING)
        .startsWith("spec.backend.dokcer: unknown field");
  }

  @Test
  void misplacedFieldFailsNamingIt() {
    // customImage belongs to DevMachine's backend.docker, not DevCluster's
    var cluster = devCluster(Map.of("backend", Map.of("docker", Map.of("customImage", "kindest/node:v1.33.4"))));

    assertThat(crds.validate(cluster)).containsExactly(
        "spec.backend.docker.customImage: unknown field: the schema does not declare it (misspelt or misplaced?)");
  }

  @Test
  void wrongTypeFailsNamingTheField() {
    var cluster = devCluster(Map.of(
        "backend", Map.of("docker", Map.of()),
        "controlPlaneEndpoint", Map.of("host", "172.18.0.2", "port", "6443")));

    assertThat(crds.validate(cluster)).singleElement(STRING)
        .startsWith("spec.controlPlaneEndpoint.port: ")
        .contains("integer");
  }

  @Test
  void missingRequiredFieldFailsNamingIt() {
    assertThat(crds.validate(devCluster(Map.of())))
        .containsExactly("spec.backend: required field is missing");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    var cluster = devCluster(Map.of(
        "backend", Map.of("docker", Map.of(), "podman", Map.of()),
        "controlPlaneEndpoint", Map.of("host", "", "port", 70000)));

    assertThat(crds.validate(cluster))
        .hasSize(3)
        .anyMatch(line -> line.startsWith("spec.backend.podman: "))
        .anyMatch(line -> line.startsWith("spec.controlPlaneEndpoint.host: "))
        .anyMatch(line -> line.startsWith("spec.controlPlaneEndpoint.port: "));
  }

  @Test
  void fieldsInsideListItemsAreStrictToo() {
    var template = object(INFRA_V1BETA2, "VSphereMachineTemplate", Map.of("template", Map.of("spec", Map.of(
        "template", "ubuntu",
        "network", Map.of("devices", List.of(Map.of("networkName", "VM Network", "dhcp", true)))))));

    assertThat(crds.validate(template)).singleElement(STRING)
        .startsWith("spec.template.spec.network.devices[0].dhcp: unknown field");
  }

  @Test
  void intOrStringAcceptsBothButNothingElse() {
    var limits = new LinkedHashMap<String, Object>(Map.of("cpu", 2, "memory", "4Gi"));
    var template = object(INFRA_V1BETA2, "VSphereMachineTemplate", Map.of("template", Map.of("spec", Map.of(
        "template", "ubuntu",
        "network", Map.of("devices", List.of(Map.of("networkName", "VM Network"))),
        "resources", Map.of("limits", limits)))));
    assertThat(crds.validate(template)).isEmpty();

    limits.put("cpu", true);
    assertThat(crds.validate(template)).isNotEmpty()
        .allMatch(line -> line.startsWith("spec.template.spec.resources.limits.cpu: "));
  }

  @Test
  void nullableFieldAcceptsNull() {
    var allowedNamespaces = new LinkedHashMap<String, Object>();
    allowedNamespaces.put("list", null);
    var identity = object(INFRA_V1BETA2, "AWSClusterRoleIdentity", Map.of(
        "roleARN", "arn:aws:iam::123456789012:role/capa", "allowedNamespaces", allowedNamespaces));

    assertThat(crds.validate(identity)).isEmpty();
  }

  @Test
  void metadataIsCheckedForShapeOnly() {
    var cluster = devCluster(Map.of("backend", Map.of("docker", Map.of())));
    cluster.put("metadata", Map.of("name", "c1", "uid", "anything", "labels", Map.of("count", 3)));

    assertThat(crds.validate(cluster)).singleElement(STRING)
        .startsWith("metadata.labels.count: ");
  }

  @Test
  void versionNotServedIsAnError() {
    var cluster = object("infrastructure.cluster.x-k8s.io/v1beta1", "AWSCluster", Map.of("region", "eu-west-1"));

    assertThat(crds.validate(cluster)).containsExactly(
        "apiVersion: AWSCluster is not served at infrastructure.cluster.x-k8s.io/v1beta1 (served: v1beta2)");
    assertThat(crds.serves("infrastructure.cluster.x-k8s.io/v1beta2", "AWSCluster")).isTrue();
  }

  @Test
  void unknownVersionOrKindIsAnError() {
    assertThat(crds.validate(object("infrastructure.cluster.x-k8s.io/v9", "DevCluster", Map.of())))
        .singleElement(STRING)
        .startsWith("apiVersion: DevCluster is not served at infrastructure.cluster.x-k8s.io/v9");
    assertThat(crds.validate(object(INFRA_V1BETA2, "NoSuchCluster", Map.of())))
        .singleElement(STRING)
        .startsWith("kind: no CRD");
  }

  @Test
  void missingCrdDirectoryAbortsInsteadOfPassing(@TempDir Path empty) {
    Path missing = empty.resolve("crds");

    assertThatThrownBy(() -> CrdSchemas.loadOrSkip(missing))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("UPSTREAM CRDS NOT FOUND at " + missing);
  }

  @Test
  void directoryWithoutCrdsIsRejected(@TempDir Path empty) {
    assertThatThrownBy(() -> CrdSchemas.load(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no CustomResourceDefinition");
  }
}
