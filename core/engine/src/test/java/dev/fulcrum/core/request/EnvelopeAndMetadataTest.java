package dev.fulcrum.core.request;

import static dev.fulcrum.core.request.Requests.errors;
import static dev.fulcrum.core.request.Requests.metadata;
import static dev.fulcrum.core.request.Requests.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** apiVersion, kind, strict fields and types, and metadata: names, the project, labels. */
class EnvelopeAndMetadataTest {
  private final RequestReader reader = TestProvider.readerFor(TestProvider.lab());

  @Test
  void acceptsTheValidRequestAndDerivesTheCapiNamespace() {
    WorkloadCluster cluster = reader.readWorkloadCluster(Requests.json(Requests.valid()));

    ClusterRequest request = cluster.request();
    assertThat(request.name()).isEqualTo("edge-42");
    assertThat(request.project()).isEqualTo("team-a");
    assertThat(request.namespace()).isEqualTo("team-a--edge-42");
    assertThat(cluster.labels()).isEqualTo(Map.of("environment", "production", "app.kubernetes.io/part-of", "retail"));
    assertThat(cluster.annotations()).isEqualTo(Map.of("example.com/owner", "Ops team <ops@example.com>"));
  }

  @Test
  void requiresTheApiVersion() {
    ObjectNode request = Requests.valid();
    request.put("apiVersion", "fulcrum.dev/v1");

    assertThat(errors(reader, request))
        .containsExactly(new FieldError("apiVersion", "must be fulcrum.dev/v1alpha1; got 'fulcrum.dev/v1'"));
  }

  @Test
  void requiresTheKind() {
    ObjectNode request = Requests.valid();
    request.remove("kind");

    assertThat(errors(reader, request)).containsExactly(new FieldError("kind", "required: WorkloadCluster"));
  }

  @Test
  void refusesUnknownFieldsAnywhereInTheCorePartByPath() {
    ObjectNode request = Requests.valid();
    request.put("status", "ready");
    metadata(request).put("uid", "1234");
    spec(request).put("replicas", 3);
    Requests.pool(request, 0).put("minSize", 1);
    ((ObjectNode) spec(request).get("network")).put("mtu", 1400);

    assertThat(errors(reader, request))
        .extracting(FieldError::path, FieldError::message)
        .containsExactly(
            tuple("metadata.uid", "unknown field; the fields allowed here are: annotations, labels, name, namespace"),
            tuple(
                "spec.network.mtu",
                "unknown field; the fields allowed here are: podCIDRs, serviceCIDRs, serviceDomain"),
            tuple(
                "spec.replicas",
                "unknown field; the fields allowed here are: cloudAccountRef, controlPlane, infrastructure,"
                    + " kubernetesVersion, network, overrides, profiles, provider, sshAuthorizedKeys, variables,"
                    + " workerPools"),
            tuple("spec.workerPools[0].minSize", "unknown field; the fields allowed here are: machine, name, replicas"),
            tuple("status", "unknown field; the fields allowed here are: apiVersion, kind, metadata, spec"));
  }

  @Test
  void namesTheExpectedTypeOfAWrongTypeWithoutEchoingTheValue() {
    ObjectNode request = Requests.valid();
    metadata(request).put("name", 42);
    spec(request).put("kubernetesVersion", 1.33);
    ((ObjectNode) spec(request).get("controlPlane")).put("replicas", "three");
    spec(request).put("workerPools", "general");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError("metadata.name", "must be a string, got an integer"),
            new FieldError("spec.controlPlane.replicas", "must be an integer, got a string"),
            new FieldError("spec.kubernetesVersion", "must be a string, got a decimal number"),
            new FieldError("spec.workerPools", "must be a list, got a string"));
  }

  @Test
  void requiresTheClusterNameToBeAShortDnsLabel() {
    ObjectNode request = Requests.valid();
    metadata(request).put("name", "Edge_42");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "metadata.name",
                "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter"
                    + " or digit; got 'Edge_42'"));
  }

  @Test
  void limitsTheClusterNameTo32Characters() {
    ObjectNode request = Requests.valid();
    metadata(request).put("name", "a".repeat(33));

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "metadata.name", "must be at most 32 characters long (derived Machine names must fit in 63); got 33"));
    metadata(request).put("name", "a".repeat(32));
    assertThat(reader.read(Requests.json(request)).name()).hasSize(32);
  }

  @Test
  void refusesADoubleDashInTheClusterName() {
    ObjectNode request = Requests.valid();
    metadata(request).put("name", "edge--42");

    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "metadata.name",
                "must not contain '--': it separates project and cluster name in the cluster's CAPI namespace"
                    + " <project>--<name>"));
  }

  @Test
  void requiresTheProject() {
    ObjectNode request = Requests.valid();
    metadata(request).remove("namespace");

    assertThat(errors(reader, request))
        .containsExactly(new FieldError("metadata.namespace", "required: the project (tenant) the cluster belongs to"));
  }

  @Test
  void requiresTheProjectToBeADnsLabelOfAtMost29WithoutDoubleDash() {
    ObjectNode request = Requests.valid();
    metadata(request).put("namespace", "t".repeat(30));
    assertThat(errors(reader, request))
        .containsExactly(
            new FieldError(
                "metadata.namespace",
                "must be at most 29 characters long (the CAPI namespace <project>--<name> must fit in 63); got 30"));

    metadata(request).put("namespace", "team--a");
    assertThat(errors(reader, request)).extracting(FieldError::path).containsExactly("metadata.namespace");

    metadata(request).put("namespace", "Team-A");
    assertThat(errors(reader, request)).extracting(FieldError::path).containsExactly("metadata.namespace");

    metadata(request).put("namespace", "t".repeat(29));
    metadata(request).put("name", "n".repeat(32));
    assertThat(reader.read(Requests.json(request)).namespace()).hasSize(63);
  }

  @Test
  void checksLabelKeysAndValues() {
    ObjectNode request = Requests.valid();
    ObjectNode labels = (ObjectNode) metadata(request).get("labels");
    labels.put("Bad Key!", "x");
    labels.put("tier", "-frontend");
    labels.put("count", 3);

    assertThat(errors(reader, request))
        .extracting(FieldError::path)
        .containsExactly("metadata.labels.count", "metadata.labels.tier", "metadata.labels[\"Bad Key!\"]");
  }

  @Test
  void keepsEachProblemOnOneLineWhateverTheKeysHold() {
    ObjectNode request = Requests.valid();
    ((ObjectNode) metadata(request).get("labels")).put("two\nlines", "x");
    spec(request).put("kubernetesVersion", "v1.33.4\nextra");

    InvalidRequestException refused = Requests.invalid(reader, Requests.json(request));

    assertThat(refused.errors())
        .extracting(FieldError::path)
        .containsExactly("metadata.labels[\"two\\u000alines\"]", "spec.kubernetesVersion");
    assertThat(refused.errors().get(1).message()).endsWith("got 'v1.33.4\\u000aextra'");
    assertThat(refused.getMessage().lines()).hasSize(2);
  }
}
