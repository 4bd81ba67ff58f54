package dev.fulcrum.spi;

import java.util.List;
import java.util.Objects;

/**
 * A provider's contribution to the kubeadm bootstrap configuration of one pool's nodes. The core
 * merges it into the KubeadmControlPlane's {@code kubeadmConfigSpec} (control plane) or the pool's
 * KubeadmConfigTemplate (workers).
 *
 * @param users operating-system users to create; this is how SSH public keys usually reach nodes
 *     (kubeadm {@code users[].sshAuthorizedKeys}). Empty if the provider delivers keys another way
 *     (for example in its machine template).
 * @param files files to write before kubeadm runs (e.g. a kube-vip static pod manifest)
 * @param preKubeadmCommands commands to run before kubeadm
 * @param postKubeadmCommands commands to run after kubeadm
 * @param kubeletExtraArgs kubelet arguments the cloud needs (e.g. {@code cloud-provider: external})
 * @param nodeName the kubeadm {@code nodeRegistration.name}, usually a cloud-init template such as
 *     {@code {{ ds.meta_data.local_hostname }}} when the cloud's controller matches Nodes by host name;
 *     null for kubeadm's default
 */
public record CloudInit(
    List<User> users,
    List<File> files,
    List<String> preKubeadmCommands,
    List<String> postKubeadmCommands,
    List<Arg> kubeletExtraArgs,
    String nodeName) {

  /** No contribution. */
  public static final CloudInit NONE = new CloudInit(List.of(), List.of(), List.of(), List.of(), List.of(), null);

  public CloudInit {
    users = List.copyOf(users);
    files = List.copyOf(files);
    preKubeadmCommands = List.copyOf(preKubeadmCommands);
    postKubeadmCommands = List.copyOf(postKubeadmCommands);
    kubeletExtraArgs = List.copyOf(kubeletExtraArgs);
  }

  /** A contribution that only creates one user holding the given SSH keys (none if there are no keys). */
  public static CloudInit sshUser(String userName, String sudo, List<String> sshAuthorizedKeys) {
    return sshAuthorizedKeys.isEmpty()
        ? NONE
        : NONE.withUsers(List.of(new User(userName, sudo, sshAuthorizedKeys)));
  }

  /** This contribution with these users instead. */
  public CloudInit withUsers(List<User> newUsers) {
    return new CloudInit(newUsers, files, preKubeadmCommands, postKubeadmCommands, kubeletExtraArgs, nodeName);
  }

  /** This contribution with these files instead. */
  public CloudInit withFiles(List<File> newFiles) {
    return new CloudInit(users, newFiles, preKubeadmCommands, postKubeadmCommands, kubeletExtraArgs, nodeName);
  }

  /** This contribution with these pre-kubeadm commands instead. */
  public CloudInit withPreKubeadmCommands(List<String> commands) {
    return new CloudInit(users, files, commands, postKubeadmCommands, kubeletExtraArgs, nodeName);
  }

  /** This contribution with these post-kubeadm commands instead. */
  public CloudInit withPostKubeadmCommands(List<String> commands) {
    return new CloudInit(users, files, preKubeadmCommands, commands, kubeletExtraArgs, nodeName);
  }

  /** This contribution with these kubelet arguments instead. */
  public CloudInit withKubeletExtraArgs(List<Arg> args) {
    return new CloudInit(users, files, preKubeadmCommands, postKubeadmCommands, args, nodeName);
  }

  /** This contribution with this kubeadm node name instead. */
  public CloudInit withNodeName(String name) {
    return new CloudInit(users, files, preKubeadmCommands, postKubeadmCommands, kubeletExtraArgs, name);
  }

  /**
   * An operating-system user (kubeadm {@code users[]}).
   *
   * @param name the user name
   * @param sudo the sudoers rule, e.g. {@code ALL=(ALL) NOPASSWD:ALL}; null for none
   * @param sshAuthorizedKeys OpenSSH public keys allowed to log in as this user
   */
  public record User(String name, String sudo, List<String> sshAuthorizedKeys) {
    public User {
      Objects.requireNonNull(name, "name");
      sshAuthorizedKeys = List.copyOf(sshAuthorizedKeys);
    }
  }

  /**
   * A file written on the node (kubeadm {@code files[]}), with its content given inline or read from a Secret by the
   * bootstrap provider.
   *
   * @param path absolute path on the node
   * @param content the file content; null when {@code contentFrom} is set
   * @param contentFrom the Secret key holding the content; null when {@code content} is set
   * @param permissions octal permissions, e.g. {@code 0644}; null for the default
   * @param owner {@code user:group}; null for the default
   */
  public record File(String path, String content, SecretKey contentFrom, String permissions, String owner) {
    public File {
      Objects.requireNonNull(path, "path");
      if ((content == null) == (contentFrom == null)) {
        throw new IllegalArgumentException("a file needs exactly one of content and contentFrom: " + path);
      }
    }

    /** A file with inline content. */
    public static File of(String path, String content, String permissions, String owner) {
      return new File(path, content, null, permissions, owner);
    }

    /** A file whose content the bootstrap provider reads from a Secret in the cluster's namespace. */
    public static File fromSecret(String path, SecretKey contentFrom, String permissions, String owner) {
      return new File(path, null, contentFrom, permissions, owner);
    }
  }

  /**
   * A key of a Secret in the cluster's namespace. Some clouds' controllers create a Secret per machine template
   * (e.g. CAPZ's {@code <template>-azure-json}); since the core names templates after their content, a provider
   * writes {@value #MACHINE_TEMPLATE} in {@code name} and the core replaces it with the pool's template name.
   *
   * @param name the Secret name, possibly containing {@value #MACHINE_TEMPLATE}
   * @param key the key within the Secret
   */
  public record SecretKey(String name, String key) {
    /** Replaced by the name of the pool's machine template. */
    public static final String MACHINE_TEMPLATE = "${MACHINE_TEMPLATE}";

    public SecretKey {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
    }

    /** The Secret name, with {@value #MACHINE_TEMPLATE} replaced by the given template name. */
    public String name(String machineTemplateName) {
      return name.replace(MACHINE_TEMPLATE, machineTemplateName);
    }
  }

  /**
   * A command-line argument as kubeadm v1beta4 lists them ({@code {name, value}}).
   *
   * @param name argument name without dashes
   * @param value argument value
   */
  public record Arg(String name, String value) {
    public Arg {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }
}
