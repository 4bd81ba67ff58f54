package dev.fulcrum.core.render;

import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.spi.CloudInit;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a provider's {@link CloudInit} into a kubeadm bootstrap spec ({@code KubeadmConfigSpec},
 * kubeadm v1beta4 shape). Empty lists and objects are left out: the v1beta2 schemas reject
 * {@code []} and {@code {}} where they would mean "unset".
 */
final class KubeadmConfigSpecs {
  /** CABPK renders cloud-init user data; that is what every provider's CloudInit describes. */
  private static final String FORMAT = "cloud-config";

  private KubeadmConfigSpecs() {}

  /**
   * The spec for control-plane machines: the first runs {@code kubeadm init}, the others
   * {@code kubeadm join}, so kubelet arguments go to both configurations.
   */
  static ObjectNode controlPlane(CloudInit init, String machineTemplateName) {
    ObjectNode spec = common(init, machineTemplateName);
    putNodeRegistration(spec, "initConfiguration", init);
    putNodeRegistration(spec, "joinConfiguration", init);
    return spec;
  }

  /** The spec for worker machines, which only ever {@code kubeadm join}. */
  static ObjectNode worker(CloudInit init, String machineTemplateName) {
    ObjectNode spec = common(init, machineTemplateName);
    putNodeRegistration(spec, "joinConfiguration", init);
    return spec;
  }

  /**
   * @param machineTemplateName the pool's machine template, which names the Secrets some clouds' files come from
   */
  private static ObjectNode common(CloudInit init, String machineTemplateName) {
    ObjectNode spec = Mappers.json().createObjectNode();
    spec.put("format", FORMAT);
    if (!init.users().isEmpty()) {
      ArrayNode users = spec.putArray("users");
      init.users().forEach(user -> users.add(user(user)));
    }
    if (!init.files().isEmpty()) {
      ArrayNode files = spec.putArray("files");
      init.files().forEach(file -> files.add(file(file, machineTemplateName)));
    }
    putStrings(spec, "preKubeadmCommands", init.preKubeadmCommands());
    putStrings(spec, "postKubeadmCommands", init.postKubeadmCommands());
    return spec;
  }

  private static ObjectNode user(CloudInit.User user) {
    ObjectNode node = Mappers.json().createObjectNode();
    node.put("name", user.name());
    if (user.sudo() != null) {
      node.put("sudo", user.sudo());
    }
    putStrings(node, "sshAuthorizedKeys", user.sshAuthorizedKeys());
    return node;
  }

  private static ObjectNode file(CloudInit.File file, String machineTemplateName) {
    ObjectNode node = Mappers.json().createObjectNode();
    node.put("path", file.path());
    if (file.contentFrom() != null) {
      node.putObject("contentFrom")
          .putObject("secret")
          .put("name", file.contentFrom().name(machineTemplateName))
          .put("key", file.contentFrom().key());
    } else {
      node.put("content", file.content());
    }
    if (file.permissions() != null) {
      node.put("permissions", file.permissions());
    }
    if (file.owner() != null) {
      node.put("owner", file.owner());
    }
    return node;
  }

  private static void putNodeRegistration(ObjectNode spec, String configuration, CloudInit init) {
    if (init.kubeletExtraArgs().isEmpty() && init.nodeName() == null) {
      return;
    }
    ObjectNode registration = spec.putObject(configuration).putObject("nodeRegistration");
    if (init.nodeName() != null) {
      registration.put("name", init.nodeName());
    }
    if (!init.kubeletExtraArgs().isEmpty()) {
      ArrayNode args = registration.putArray("kubeletExtraArgs");
      for (CloudInit.Arg arg : init.kubeletExtraArgs()) {
        args.addObject().put("name", arg.name()).put("value", arg.value());
      }
    }
  }

  private static void putStrings(ObjectNode node, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(field);
      values.forEach(array::add);
    }
  }
}
