package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ApiException;
import io.vertx.core.http.HttpMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A request resolved once from its path and method, like the apiserver's RequestInfo: which cluster, which
 * endpoint, and for resource requests the group, version, namespace, resource, name, subresource and verb.
 *
 * @param path the part after {@code /clusters/<name>}, e.g. {@code /api/v1/namespaces/a/secrets}
 * @param group empty for the core group
 * @param namespace null when the request is not namespace-scoped
 */
public record RequestInfo(String cluster, Endpoint endpoint, String path, String group, String version,
    String namespace, String resource, String name, String subresource, Verb verb) {

  /** What kind of thing is asked for. */
  public enum Endpoint {
    ROOT, HEALTH, VERSION, API_VERSIONS, API_GROUP_LIST, API_GROUP, RESOURCE_LIST, OPENAPI_V2, OPENAPI_V3_INDEX,
    OPENAPI_V3_DOCUMENT, RESOURCE
  }

  /** The Kubernetes verb of a resource request. */
  public enum Verb { GET, LIST, WATCH, CREATE, UPDATE, PATCH, DELETE, DELETE_COLLECTION }

  /** Where every cluster's API lives: {@code /clusters/<name>/…}. */
  public static final String CLUSTER_PREFIX = "/clusters/";

  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /**
   * Resolves a request.
   *
   * @param rawPath the undecoded path of the request
   * @param watch whether the query asks for a watch
   * @throws ApiException 404 for a path outside the API
   */
  public static RequestInfo parse(HttpMethod method, String rawPath, boolean watch) {
    if (!rawPath.startsWith(CLUSTER_PREFIX)) {
      throw ApiException.unknownResource();
    }
    List<String> segments = segments(rawPath.substring(CLUSTER_PREFIX.length()));
    if (segments.isEmpty()) {
      throw ApiException.unknownResource();
    }
    String cluster = segments.get(0);
    List<String> rest = segments.subList(1, segments.size());
    String path = "/" + String.join("/", rest);
    if (rest.isEmpty()) {
      return simple(cluster, Endpoint.ROOT, path);
    }
    String head = rest.get(0);
    switch (head) {
      case "version":
        return simple(cluster, Endpoint.VERSION, path);
      case "healthz":
      case "livez":
      case "readyz":
        return simple(cluster, Endpoint.HEALTH, path);
      case "openapi":
        return openApi(cluster, path, rest);
      case "api":
        if (rest.size() == 1) {
          return simple(cluster, Endpoint.API_VERSIONS, path);
        }
        return groupVersion(cluster, path, method, watch, "", rest.get(1), rest.subList(2, rest.size()));
      case "apis":
        if (rest.size() == 1) {
          return simple(cluster, Endpoint.API_GROUP_LIST, path);
        }
        if (rest.size() == 2) {
          return new RequestInfo(cluster, Endpoint.API_GROUP, path, rest.get(1), null, null, null, null, null, null);
        }
        return groupVersion(cluster, path, method, watch, rest.get(1), rest.get(2), rest.subList(3, rest.size()));
      default:
        throw ApiException.unknownResource();
    }
  }

  private static RequestInfo openApi(String cluster, String path, List<String> rest) {
    if (rest.size() == 2 && rest.get(1).equals("v2")) {
      return simple(cluster, Endpoint.OPENAPI_V2, path);
    }
    if (rest.size() >= 2 && rest.get(1).equals("v3")) {
      if (rest.size() == 2) {
        return simple(cluster, Endpoint.OPENAPI_V3_INDEX, path);
      }
      List<String> document = rest.subList(2, rest.size());
      if (document.size() == 2 && document.get(0).equals("api")) {
        return new RequestInfo(cluster, Endpoint.OPENAPI_V3_DOCUMENT, path, "", document.get(1), null, null, null,
            null, null);
      }
      if (document.size() == 3 && document.get(0).equals("apis")) {
        return new RequestInfo(cluster, Endpoint.OPENAPI_V3_DOCUMENT, path, document.get(1), document.get(2), null,
            null, null, null, null);
      }
    }
    throw ApiException.unknownResource();
  }

  private static RequestInfo groupVersion(String cluster, String path, HttpMethod method, boolean watch,
      String group, String version, List<String> parts) {
    if (parts.isEmpty()) {
      return new RequestInfo(cluster, Endpoint.RESOURCE_LIST, path, group, version, null, null, null, null, null);
    }
    String namespace = null;
    List<String> remaining = parts;
    if (parts.get(0).equals("namespaces") && parts.size() > 1) {
      namespace = parts.get(1);
      if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
        remaining = parts.subList(2, parts.size());
      }
    }
    if (remaining.size() > 3) {
      throw ApiException.unknownResource();
    }
    String resource = remaining.get(0);
    String name = remaining.size() > 1 ? remaining.get(1) : null;
    String subresource = remaining.size() > 2 ? remaining.get(2) : null;
    return new RequestInfo(cluster, Endpoint.RESOURCE, path, group, version, namespace, resource, name, subresource,
        verb(method, name != null, watch));
  }

  private static Verb verb(HttpMethod method, boolean named, boolean watch) {
    String methodName = method.name();
    return switch (methodName) {
      case "GET", "HEAD" -> named ? Verb.GET : (watch ? Verb.WATCH : Verb.LIST);
      case "POST" -> Verb.CREATE;
      case "PUT" -> Verb.UPDATE;
      case "PATCH" -> Verb.PATCH;
      case "DELETE" -> named ? Verb.DELETE : Verb.DELETE_COLLECTION;
      default -> throw ApiException.methodNotAllowed(methodName);
    };
  }

  private static RequestInfo simple(String cluster, Endpoint endpoint, String path) {
    return new RequestInfo(cluster, endpoint, path, null, null, null, null, null, null, null);
  }

  /** Splits and percent-decodes path segments ({@code system%3Anodes} → {@code system:nodes}). */
  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        try {
          segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("malformed path segment: " + segment);
        }
      }
    }
    return segments;
  }
}
