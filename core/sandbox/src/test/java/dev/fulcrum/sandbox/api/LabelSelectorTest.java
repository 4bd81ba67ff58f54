package dev.fulcrum.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

  private static final Map<String, String> LABELS = Map.of("env", "prod", "tier", "web", "replicas", "3",
      "cluster.x-k8s.io/cluster-name", "c1");

  @Test
  void everyOperator() {
    assertThat(matches("env=prod")).isTrue();
    assertThat(matches("env==prod")).isTrue();
    assertThat(matches("env!=prod")).isFalse();
    assertThat(matches("missing!=x")).isTrue();
    assertThat(matches("env in (dev, prod)")).isTrue();
    assertThat(matches("env notin (dev,prod)")).isFalse();
    assertThat(matches("missing notin (a)")).isTrue();
    assertThat(matches("tier")).isTrue();
    assertThat(matches("!tier")).isFalse();
    assertThat(matches("replicas>2,replicas<4")).isTrue();
    assertThat(matches("replicas>3")).isFalse();
    assertThat(matches("cluster.x-k8s.io/cluster-name=c1, env in (prod)")).isTrue();
    assertThat(LabelSelector.parse("").matchesEverything()).isTrue();
  }

  @Test
  void malformedSelectorsAreBadRequests() {
    for (String bad : new String[] {"env in prod", "=x", "env=bad value", "a,,b", "replicas>x", "Bad Key=1"}) {
      assertThatThrownBy(() -> LabelSelector.parse(bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
          e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.getMessage()).contains("unable to parse requirement");
          });
    }
  }

  private static boolean matches(String selector) {
    return LabelSelector.parse(selector).matches(LABELS);
  }
}
