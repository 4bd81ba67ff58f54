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
 */
public record CloudInit(
    List<User> users,
    List<File> files,
    List<String> preKubeadmCommands,
    List<String> postKubeadmCommands,
    List<Arg> kubeletExtraArgs) {

  /** No contribution. */
  public static final CloudInit NONE = new CloudInit(List.of(), List.of(), List.of(), List.of(), List.of());

  public CloudInit {
    users = List.copyOf(users);
    files = List.copyOf(files);
    preKubeadmCommands = List.copyOf(preKubeadmCommands);
    postKubeadmCommands = List.copyOf(postKubeadmCommands);
    kubeletExtraArgs = List.copyOf(kubeletExtraArgs);
  }

  /** A contribution that only creates one user holding the given SSH keys. */
  public static CloudInit sshUser(String userName, String sudo, List<String> sshAuthorizedKeys) {
    return sshAuthorizedKeys.isEmpty()
        ? NONE
        : new CloudInit(
            List.of(new User(userName, sudo, sshAuthorizedKeys)), List.of(), List.of(), List.of(), List.of());
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
   * A file written on the node (kubeadm {@code files[]}).
   *
   * @param path absolute path on the node
   * @param content the file content
   * @param permissions octal permissions, e.g. {@code 0644}; null for the default
   * @param owner {@code user:group}; null for the default
   */
  public record File(String path, String content, String permissions, String owner) {
    public File {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
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
