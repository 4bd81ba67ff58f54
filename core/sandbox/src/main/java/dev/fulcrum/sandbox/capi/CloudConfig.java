package dev.fulcrum.sandbox.capi;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a KubeadmConfig into cloud-init user data, as the kubeadm bootstrap provider does: a document starting
 * {@code ## template: jinja\n#cloud-config} whose {@code write_files} carry the kubeadm configuration (and, for
 * control-plane machines, the cluster certificates), whose {@code runcmd} runs {@code kubeadm init} or
 * {@code kubeadm join} between the pre- and post-kubeadm commands, and whose {@code users} carry the configured
 * users with their {@code ssh_authorized_keys}.
 */
final class CloudConfig {

  static final String HEADER = "## template: jinja\n#cloud-config\n\n";
  static final String KUBEADM_API = "kubeadm.k8s.io/v1beta4";
  static final String LOCAL_HOSTNAME = "{{ ds.meta_data.local_hostname }}";

  private static final String INIT_CONFIG_PATH = "/run/kubeadm/kubeadm.yaml";
  private static final String JOIN_CONFIG_PATH = "/run/kubeadm/kubeadm-join-config.yaml";
  private static final String SUCCESS = " && echo success > /run/cluster-api/bootstrap-success.complete";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** What the machine does with kubeadm. */
  enum Role {
    /** The first control-plane machine: {@code kubeadm init}. */
    INIT,
    /** Another control-plane machine: {@code kubeadm join --control-plane}. */
    JOIN_CONTROL_PLANE,
    /** A worker: {@code kubeadm join}. */
    JOIN_WORKER
  }

  /**
   * What the rendering needs besides the KubeadmConfig spec.
   *
   * @param clusterName the Cluster's name
   * @param kubernetesVersion the Machine's version
   * @param endpoint the control-plane endpoint, {@code host:port}
   * @param clusterNetwork the Cluster's {@code spec.clusterNetwork} (may be missing)
   * @param certificates control-plane certificate files by path (empty for workers)
   * @param caCertificate the cluster CA certificate (PEM), pinned by joining machines
   */
  record Inputs(String clusterName, String kubernetesVersion, String endpoint, JsonNode clusterNetwork,
      Map<String, String> certificates, String caCertificate) {}

  private CloudConfig() {}

  static String render(JsonNode spec, Role role, Inputs inputs) {
    ObjectNode document = Trees.object();
    ArrayNode files = document.putArray("write_files");
    inputs.certificates().forEach((path, content) -> file(files, path, content, "0640"));
    for (JsonNode file : spec.path("files")) {
      ObjectNode copy = files.addObject();
      copy.put("path", file.path("path").stringValue(""));
      copyText(file, "owner", copy, "owner");
      copyText(file, "permissions", copy, "permissions");
      copyText(file, "encoding", copy, "encoding");
      copy.put("content", file.path("content").stringValue(""));
    }
    String configPath = role == Role.INIT ? INIT_CONFIG_PATH : JOIN_CONFIG_PATH;
    file(files, configPath, kubeadmConfiguration(spec, role, inputs), "0640");

    ArrayNode commands = document.putArray("runcmd");
    strings(spec.path("preKubeadmCommands")).forEach(commands::add);
    commands.add((role == Role.INIT ? "kubeadm init --config " : "kubeadm join --config ") + configPath + SUCCESS);
    strings(spec.path("postKubeadmCommands")).forEach(commands::add);

    if (spec.path("bootCommands").isArray() && !spec.path("bootCommands").isEmpty()) {
      ArrayNode boot = document.putArray("bootcmd");
      strings(spec.path("bootCommands")).forEach(boot::add);
    }
    if (spec.path("ntp").isObject()) {
      ObjectNode ntp = document.putObject("ntp");
      ntp.put("enabled", spec.path("ntp").path("enabled").asBoolean(true));
      ArrayNode servers = ntp.putArray("servers");
      strings(spec.path("ntp").path("servers")).forEach(servers::add);
    }
    if (spec.path("users").isArray() && !spec.path("users").isEmpty()) {
      ArrayNode users = document.putArray("users");
      spec.path("users").forEach(user -> users.add(user(user)));
    }
    return HEADER + Trees.yaml(document);
  }

  /** A bootstrap token, {@code [a-z0-9]{6}.[a-z0-9]{16}}. */
  static String newToken() {
    return randomText(6) + "." + randomText(16);
  }

  private static String kubeadmConfiguration(JsonNode spec, Role role, Inputs inputs) {
    StringBuilder yaml = new StringBuilder();
    if (role == Role.INIT) {
      ObjectNode cluster = Trees.copyOf(spec.path("clusterConfiguration"));
      cluster.put("apiVersion", KUBEADM_API);
      cluster.put("kind", "ClusterConfiguration");
      cluster.put("clusterName", inputs.clusterName());
      cluster.put("kubernetesVersion", inputs.kubernetesVersion());
      cluster.put("controlPlaneEndpoint", inputs.endpoint());
      Trees.child(cluster, "networking").setAll(networking(inputs.clusterNetwork()));
      ObjectNode init = Trees.copyOf(spec.path("initConfiguration"));
      init.put("apiVersion", KUBEADM_API);
      init.put("kind", "InitConfiguration");
      nodeName(init);
      yaml.append("---\n").append(Trees.yaml(cluster)).append("---\n").append(Trees.yaml(init));
    } else {
      ObjectNode join = Trees.copyOf(spec.path("joinConfiguration"));
      join.put("apiVersion", KUBEADM_API);
      join.put("kind", "JoinConfiguration");
      nodeName(join);
      ObjectNode token = Trees.child(Trees.child(join, "discovery"), "bootstrapToken");
      token.put("apiServerEndpoint", inputs.endpoint());
      token.put("token", newToken());
      if (inputs.caCertificate() != null) {
        ArrayNode hashes = token.putArray("caCertHashes");
        hashes.add("sha256:" + publicKeyHash(inputs.caCertificate()));
      }
      if (role == Role.JOIN_CONTROL_PLANE) {
        Trees.child(join, "controlPlane");
      }
      yaml.append("---\n").append(Trees.yaml(join));
    }
    return yaml.toString();
  }

  /** kubeadm's {@code networking} from a Cluster's {@code spec.clusterNetwork} (kubeadm's defaults otherwise). */
  static ObjectNode networking(JsonNode clusterNetwork) {
    ObjectNode networking = Trees.object();
    putJoined(networking, "podSubnet", clusterNetwork.path("pods").path("cidrBlocks"));
    putJoined(networking, "serviceSubnet", clusterNetwork.path("services").path("cidrBlocks"));
    if (!networking.has("serviceSubnet")) {
      networking.put("serviceSubnet", "10.96.0.0/12");
    }
    networking.put("dnsDomain", clusterNetwork.path("serviceDomain").stringValue("cluster.local"));
    return networking;
  }

  private static void nodeName(ObjectNode configuration) {
    ObjectNode registration = Trees.child(configuration, "nodeRegistration");
    if (!registration.has("name")) {
      registration.put("name", LOCAL_HOSTNAME);
    }
  }

  /** cloud-init's {@code users} entry for a KubeadmConfig user. */
  private static ObjectNode user(JsonNode user) {
    ObjectNode entry = Trees.object();
    entry.put("name", user.path("name").stringValue(""));
    copyText(user, "gecos", entry, "gecos");
    copyText(user, "groups", entry, "groups");
    copyText(user, "homeDir", entry, "homedir");
    copyText(user, "shell", entry, "shell");
    copyText(user, "primaryGroup", entry, "primary_group");
    copyText(user, "passwd", entry, "passwd");
    copyText(user, "sudo", entry, "sudo");
    if (user.has("inactive")) {
      entry.put("inactive", user.path("inactive").asBoolean(false));
    }
    if (user.has("lockPassword")) {
      entry.put("lock_passwd", user.path("lockPassword").asBoolean(true));
    }
    List<String> keys = strings(user.path("sshAuthorizedKeys"));
    if (!keys.isEmpty()) {
      ArrayNode authorized = entry.putArray("ssh_authorized_keys");
      keys.forEach(authorized::add);
    }
    return entry;
  }

  private static void file(ArrayNode files, String path, String content, String permissions) {
    ObjectNode file = files.addObject();
    file.put("path", path);
    file.put("owner", "root:root");
    file.put("permissions", permissions);
    file.put("content", content);
  }

  private static String publicKeyHash(String certificatePem) {
    try {
      byte[] spki = CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)))
          .getPublicKey().getEncoded();
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the cluster CA certificate cannot be read: " + e.getMessage(), e);
    }
  }

  private static void putJoined(ObjectNode target, String field, JsonNode cidrs) {
    List<String> values = strings(cidrs);
    if (!values.isEmpty()) {
      target.put(field, String.join(",", values));
    }
  }

  private static void copyText(JsonNode from, String field, ObjectNode to, String as) {
    String value = from.path(field).stringValue(null);
    if (value != null) {
      to.put(as, value);
    }
  }

  private static List<String> strings(JsonNode array) {
    return array.valueStream().map(item -> item.stringValue("")).toList();
  }

  private static String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
    }
    return text.toString();
  }
}
