package dev.fulcrum.testkit;

import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Whole Kubernetes objects built from SPI values, the way the core renders them, for CRD checks. */
public final class KubernetesObjects {
  private KubernetesObjects() {}

  /** The object a {@link Manifest} becomes once the core names it and places it in a namespace. */
  public static Map<String, Object> of(Manifest manifest, String name, String namespace) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    if (!manifest.labels().isEmpty()) {
      metadata.put("labels", manifest.labels());
    }
    if (!manifest.annotations().isEmpty()) {
      metadata.put("annotations", manifest.annotations());
    }
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", manifest.apiVersion());
    object.put("kind", manifest.kind());
    object.put("metadata", metadata);
    object.put("spec", manifest.spec());
    return object;
  }

  /**
   * A {@code KubeadmConfigTemplate} (bootstrap.cluster.x-k8s.io/v1beta2) carrying one pool's
   * {@link CloudInit}, to check that a provider's contribution fits the kubeadm bootstrap API.
   */
  public static Map<String, Object> kubeadmConfigTemplate(CloudInit cloudInit, String name, String namespace) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (!cloudInit.users().isEmpty()) {
      spec.put("users", cloudInit.users().stream().map(KubernetesObjects::user).toList());
    }
    if (!cloudInit.files().isEmpty()) {
      spec.put("files", cloudInit.files().stream().map(KubernetesObjects::file).toList());
    }
    if (!cloudInit.preKubeadmCommands().isEmpty()) {
      spec.put("preKubeadmCommands", cloudInit.preKubeadmCommands());
    }
    if (!cloudInit.postKubeadmCommands().isEmpty()) {
      spec.put("postKubeadmCommands", cloudInit.postKubeadmCommands());
    }
    Map<String, Object> nodeRegistration = new LinkedHashMap<>();
    if (cloudInit.nodeName() != null) {
      nodeRegistration.put("name", cloudInit.nodeName());
    }
    if (!cloudInit.kubeletExtraArgs().isEmpty()) {
      nodeRegistration.put("kubeletExtraArgs", cloudInit.kubeletExtraArgs().stream()
          .map(arg -> Map.of("name", arg.name(), "value", arg.value())).toList());
    }
    if (!nodeRegistration.isEmpty()) {
      spec.put("joinConfiguration", Map.of("nodeRegistration", nodeRegistration));
    }
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "bootstrap.cluster.x-k8s.io/v1beta2");
    object.put("kind", "KubeadmConfigTemplate");
    object.put("metadata", Map.of("name", name, "namespace", namespace));
    object.put("spec", Map.of("template", Map.of("spec", spec)));
    return object;
  }

  private static Map<String, Object> user(CloudInit.User user) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    rendered.put("name", user.name());
    if (user.sudo() != null) {
      rendered.put("sudo", user.sudo());
    }
    rendered.put("sshAuthorizedKeys", user.sshAuthorizedKeys());
    return rendered;
  }

  private static Map<String, Object> file(CloudInit.File file) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    rendered.put("path", file.path());
    if (file.contentFrom() != null) {
      // The core substitutes the pool's machine template name; any name will do for the schema.
      rendered.put("contentFrom", Map.of("secret",
          Map.of("name", file.contentFrom().name("template"), "key", file.contentFrom().key())));
    } else {
      rendered.put("content", file.content());
    }
    if (file.permissions() != null) {
      rendered.put("permissions", file.permissions());
    }
    if (file.owner() != null) {
      rendered.put("owner", file.owner());
    }
    return rendered;
  }
}
