package dev.fulcrum.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.sandbox.support.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TablesTest {

  private static final JsonNode MACHINE = Json.parse("""
      {"metadata":{"name":"m1","labels":{"cluster.x-k8s.io/cluster-name":"c1"},
        "ownerReferences":[{"kind":"MachineSet","name":"ms"},{"kind":"Machine","name":"owner"}]},
       "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"},{"type":"Paused","status":"False"}],
        "addresses":[{"type":"InternalIP","address":"10.0.0.1"},{"type":"InternalIP","address":"10.0.0.2"}]}}"""
      .getBytes(StandardCharsets.UTF_8));

  @Test
  void printerColumnPathsUsedByCapi() {
    assertThat(values(".status.phase")).isEqualTo("Running");
    assertThat(values(".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']")).isEqualTo("c1");
    assertThat(values(".metadata.labels.cluster\\.x-k8s\\.io/cluster-name")).isEqualTo("c1");
    assertThat(values(".status.conditions[?(@.type==\"Paused\")].status")).isEqualTo("False");
    assertThat(values(".status.conditions[?(@.type=='Ready')].status")).isEqualTo("True");
    assertThat(values(".metadata.ownerReferences[?(@.kind==\"Machine\")].name")).isEqualTo("owner");
    assertThat(values(".status.addresses[?(@.type==\"InternalIP\")].address")).isEqualTo("10.0.0.1,10.0.0.2");
    assertThat(values(".status.conditions[0].type")).isEqualTo("Ready");
    assertThat(values(".status.conditions[*].type")).isEqualTo("Ready,Paused");
    assertThat(values(".spec.missing")).isEmpty();
  }

  @Test
  void agesLookLikeKubectls() {
    assertThat(Tables.humanDuration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Tables.humanDuration(Duration.ofSeconds(200))).isEqualTo("3m20s");
    assertThat(Tables.humanDuration(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Tables.humanDuration(Duration.ofHours(5))).isEqualTo("5h");
    assertThat(Tables.humanDuration(Duration.ofHours(51))).isEqualTo("2d3h");
    assertThat(Tables.humanDuration(Duration.ofDays(400))).isEqualTo("400d");
  }

  @Test
  void tablesOnlyWhenAskedForFirst() {
    String kubectl = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;"
        + "g=meta.k8s.io,application/json";
    assertThat(Tables.requested(kubectl, null)).isEqualTo(new Tables.TableRequest("v1", "Metadata"));
    assertThat(Tables.requested("application/json, */*", null)).isNull();
    assertThat(Tables.requested(null, null)).isNull();
  }

  private static String values(String path) {
    StringBuilder joined = new StringBuilder();
    for (JsonNode value : JsonPathSubset.select(MACHINE, path)) {
      joined.append(joined.length() == 0 ? "" : ",").append(value.asString());
    }
    return joined.toString();
  }
}
