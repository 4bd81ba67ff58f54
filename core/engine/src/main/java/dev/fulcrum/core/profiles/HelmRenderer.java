package dev.fulcrum.core.profiles;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.fulcrum.core.request.BoundedYamlReader;
import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.core.yaml.CanonicalJson;
import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders Helm charts with the real Helm engine (helm-java, which embeds Helm 3 as a native library):
 * {@code helm template} with a release name, namespace, kube version and values, offline for a packaged
 * chart. Renders are cached by the hash of everything that goes in, so planning a cluster's add-ons
 * again (every time its agent asks for its spec) costs no Helm run. Thread-safe.
 */
public final class HelmRenderer {
  private static final int CACHE_SIZE = 128;

  private final BoundedYamlReader output = new BoundedYamlReader("Helm output");
  private final Map<String, List<ObjectNode>> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ObjectNode>> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  /**
   * The chart's objects ({@code helm template}), in Helm's order.
   *
   * @param chart the chart
   * @param values the values (no {@code ${var}} references left)
   * @param release the release name
   * @param namespace the release namespace
   * @param kubeVersion the cluster's Kubernetes version ({@code v1.33.4}); empty for Helm's default
   * @throws ChartRenderException with Helm's own message if the chart cannot be rendered
   */
  public List<ObjectNode> render(
      ChartSource chart, JsonNode values, String release, String namespace, Optional<String> kubeVersion) {
    String key = key(chart, values, release, namespace, kubeVersion);
    List<ObjectNode> cached;
    synchronized (cache) {
      cached = cache.get(key);
    }
    if (cached == null) {
      cached = renderUncached(chart, values, release, namespace, kubeVersion);
      synchronized (cache) {
        cache.put(key, cached);
      }
    }
    return cached.stream().map(ObjectNode::deepCopy).toList();
  }

  private List<ObjectNode> renderUncached(
      ChartSource chart, JsonNode values, String release, String namespace, Optional<String> kubeVersion) {
    try (TempDirectory work = new TempDirectory("fulcrum-helm-")) {
      Path valuesFile =
          Files.writeString(work.path().resolve("values.yaml"), Mappers.yaml().writeValueAsString(values));
      TemplateCommand template =
          chart instanceof ChartSource.Remote remote
              ? remoteTemplate(remote, work.path())
              : new Helm(Files.write(work.path().resolve("chart.tgz"), ((ChartSource.Archive) chart).tgz())).template();
      template = template.withName(release).withNamespace(namespace).withValuesFile(valuesFile);
      if (kubeVersion.isPresent()) {
        template = template.withKubeVersion(kubeVersion.get());
      }
      return objects(callHelm(template));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a Helm render", e);
    }
  }

  private static String callHelm(TemplateCommand template) {
    try {
      return template.call();
    } catch (RuntimeException helmError) {
      // helm-java reports Helm's error as the exception message (the chart, the template, the line).
      throw new ChartRenderException(String.valueOf(helmError.getMessage()).strip());
    }
  }

  private List<ObjectNode> objects(String rendered) {
    try {
      return output.readDocuments(rendered).stream()
          .map(
              document -> {
                if (!document.isObject()) {
                  throw new ChartRenderException("the chart renders a YAML document that is not an object");
                }
                return (ObjectNode) document;
              })
          .toList();
    } catch (InvalidRequestException unreadable) {
      throw new ChartRenderException("the chart's output cannot be read: " + unreadable.getMessage());
    }
  }

  // An OCI chart is referenced directly; a repository's chart through a repository entry of its own
  // (named after the URL's hash, so concurrent renders of different repositories do not collide), as
  // `helm repo add` and `helm template <repo>/<chart>` would.
  private static TemplateCommand remoteTemplate(ChartSource.Remote remote, Path work) {
    String repository = remote.repository().replaceAll("/+$", "");
    if (repository.startsWith("oci://")) {
      return Helm.template(repository + "/" + remote.name()).withVersion(remote.version());
    }
    Path repositories = work.resolve("repositories.yaml");
    String name = "r" + CanonicalJson.sha256Hex(repository).substring(0, 16);
    try {
      Helm.repo().add().withRepositoryConfig(repositories).withName(name).withUrl(URI.create(repository)).call();
    } catch (RuntimeException unreachable) {
      throw new ChartRenderException(String.valueOf(unreachable.getMessage()).strip());
    }
    return Helm.template(name + "/" + remote.name()).withVersion(remote.version()).withRepositoryConfig(repositories);
  }

  private static String key(
      ChartSource chart, JsonNode values, String release, String namespace, Optional<String> kubeVersion) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    if (chart instanceof ChartSource.Remote remote) {
      inputs.put("remote", List.of(remote.repository(), remote.name(), remote.version()));
    } else {
      inputs.put("archive", CanonicalJson.sha256Hex(((ChartSource.Archive) chart).tgz()));
    }
    inputs.put("values", values);
    inputs.put("release", release);
    inputs.put("namespace", namespace);
    inputs.put("kubeVersion", kubeVersion.orElse(""));
    return CanonicalJson.sha256Hex(inputs);
  }
}
