package dev.fulcrum.sandbox.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a container's environment the way the kubelet does: {@code envFrom} sources first, in order, then
 * {@code env} entries, later ones winning. Errors name the missing Secret, ConfigMap or key, never a value.
 */
final class ContainerEnvironment {

  private final KubernetesClient client;
  private final String namespace;
  private final String podName;

  ContainerEnvironment(KubernetesClient client, String namespace, String podName) {
    this.client = client;
    this.namespace = namespace;
    this.podName = podName;
  }

  /** @throws IllegalStateException naming every source that is missing and not optional */
  Map<String, String> resolve(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (EnvFromSource source : container.getEnvFrom()) {
      String prefix = source.getPrefix() == null ? "" : source.getPrefix();
      Map<String, String> values = null;
      if (source.getSecretRef() != null) {
        values = secret(source.getSecretRef().getName(), source.getSecretRef().getOptional(), problems);
      } else if (source.getConfigMapRef() != null) {
        values = configMap(source.getConfigMapRef().getName(), source.getConfigMapRef().getOptional(), problems);
      }
      if (values != null) {
        values.forEach((key, value) -> env.put(prefix + key, value));
      }
    }
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValueFrom() == null) {
        env.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
      } else {
        String value = valueFrom(variable.getName(), variable.getValueFrom(), problems);
        if (value != null) {
          env.put(variable.getName(), value);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("container " + container.getName() + ": " + String.join("; ", problems));
    }
    return env;
  }

  private String valueFrom(String name, EnvVarSource source, List<String> problems) {
    if (source.getSecretKeyRef() != null) {
      var ref = source.getSecretKeyRef();
      return key(secret(ref.getName(), ref.getOptional(), problems), "secret", ref.getName(), ref.getKey(),
          ref.getOptional(), name, problems);
    }
    if (source.getConfigMapKeyRef() != null) {
      var ref = source.getConfigMapKeyRef();
      return key(configMap(ref.getName(), ref.getOptional(), problems), "configmap", ref.getName(), ref.getKey(),
          ref.getOptional(), name, problems);
    }
    if (source.getFieldRef() != null) {
      String path = source.getFieldRef().getFieldPath();
      if ("metadata.namespace".equals(path)) {
        return namespace;
      }
      if ("metadata.name".equals(path)) {
        return podName;
      }
      problems.add("env " + name + ": fieldRef " + path + " is not simulated");
      return null;
    }
    problems.add("env " + name + ": valueFrom source is not simulated");
    return null;
  }

  private String key(Map<String, String> values, String kind, String sourceName, String key, Boolean optional,
      String variable, List<String> problems) {
    if (values == null) {
      return null;
    }
    String value = values.get(key);
    if (value == null && !Boolean.TRUE.equals(optional)) {
      problems.add("env " + variable + ": key " + key + " not found in " + kind + " " + namespace + "/" + sourceName);
    }
    return value;
  }

  private Map<String, String> secret(String name, Boolean optional, List<String> problems) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      missing("secret", name, optional, problems);
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, encoded) -> values.put(key,
          new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    return values;
  }

  private Map<String, String> configMap(String name, Boolean optional, List<String> problems) {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    if (configMap == null) {
      missing("configmap", name, optional, problems);
      return null;
    }
    return configMap.getData() == null ? Map.of() : configMap.getData();
  }

  private void missing(String kind, String name, Boolean optional, List<String> problems) {
    if (!Boolean.TRUE.equals(optional)) {
      problems.add(kind + " " + namespace + "/" + name + " not found");
    }
  }
}
