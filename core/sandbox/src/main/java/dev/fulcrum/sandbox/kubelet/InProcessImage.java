package dev.fulcrum.sandbox.kubelet;

/**
 * The sandbox's stand-in for a container runtime: a program that runs in-process for a container image. The
 * {@link DeploymentRuntime} starts it once per Deployment whose first container has a matching image, and closes
 * what {@link #start} returned when that Deployment goes away, scales to zero or changes its pod template.
 */
public interface InProcessImage {

  /** Whether this program plays {@code image} (a full reference: repository, and tag or digest). */
  boolean runs(String image);

  /**
   * Starts the program for one Deployment; returns once it runs. Throwing means the container failed to start: the
   * runtime reports it on the Deployment and tries again later with back-off.
   *
   * @return what stops the program
   */
  AutoCloseable start(ContainerContext container);

  /** An image reference without its digest and tag, e.g. {@code registry.k8s.io/pause} for {@code …/pause:3.10}. */
  static String repository(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
  }
}
