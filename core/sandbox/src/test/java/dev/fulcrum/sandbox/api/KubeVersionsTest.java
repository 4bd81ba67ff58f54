package dev.fulcrum.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeVersionsTest {

  @Test
  void gaBeforeBetaBeforeAlphaThenOthers() {
    List<String> versions = new ArrayList<>(List.of("v1alpha1", "foo", "v1beta1", "v2", "v1", "v1beta2", "v10alpha3",
        "bar"));

    versions.sort(KubeVersions.PRIORITY);

    assertThat(versions).containsExactly("v2", "v1", "v1beta2", "v1beta1", "v10alpha3", "v1alpha1", "bar", "foo");
  }
}
