package dev.fulcrum.sandbox.kubelet;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a container sees when it starts: the cluster it runs in (the API's name in the sandbox and its in-cluster
 * URL), its Deployment, and its environment resolved as the kubelet does ({@code env[].value},
 * {@code env[].valueFrom.secretKeyRef/configMapKeyRef/fieldRef}, {@code envFrom[].secretRef/configMapRef} with
 * their prefix). The environment may hold tokens: {@link #toString()} shows only its names.
 *
 * @param apiName the name of the sandbox cluster the Deployment is in
 * @param apiUrl that cluster's API server URL
 * @param namespace the Deployment's namespace
 * @param deploymentName the Deployment's name
 * @param env the container's environment variables
 */
public record ContainerContext(String apiName, String apiUrl, String namespace, String deploymentName,
    Map<String, String> env) {

  public ContainerContext {
    Objects.requireNonNull(apiName, "apiName");
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(deploymentName, "deploymentName");
    env = Map.copyOf(env);
  }

  @Override
  public String toString() {
    return "ContainerContext[apiName=" + apiName + ", apiUrl=" + apiUrl + ", namespace=" + namespace
        + ", deploymentName=" + deploymentName + ", env=" + new TreeMap<>(env).keySet() + "]";
  }
}
