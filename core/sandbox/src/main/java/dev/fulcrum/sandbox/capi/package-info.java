/**
 * The CAPI simulator: controllers that play Cluster API core, the KubeadmControlPlane and kubeadm bootstrap
 * providers and any infrastructure provider against a (sandbox) Kubernetes API, through that API only.
 *
 * <p>Public API, all a caller needs:
 * <ul>
 *   <li>{@link dev.fulcrum.sandbox.capi.CapiCrds#install} installs the CRDs: the upstream ones from a directory
 *       (with the contract and clusterctl labels release manifests carry) or Fulcrum's minimal ones;</li>
 *   <li>{@link dev.fulcrum.sandbox.capi.CapiSimulator#start} starts the controllers against one API (the
 *       management cluster, or after a pivot a workload cluster's own API) with
 *       {@link dev.fulcrum.sandbox.capi.SimulatorOptions}: the providers' {@link dev.fulcrum.sandbox.capi.InfraKinds},
 *       where workload cluster APIs come from ({@link dev.fulcrum.sandbox.capi.WorkloadApis}),
 *       {@link dev.fulcrum.sandbox.capi.Delays} and {@link dev.fulcrum.sandbox.capi.FailureInjection}.</li>
 * </ul>
 *
 * <pre>{@code
 * SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
 * KubernetesClient management = ...; // a fabric8 client for sandbox.clusterUrl(SandboxServer.MANAGEMENT)
 * InfraKinds dev = new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta2", "DevCluster", "DevMachine",
 *     "DevMachineTemplate", InfraKinds.Contract.V1BETA2);     // from a plugin's descriptor
 * CapiCrds.install(management, List.of(dev), Optional.empty()); // or Optional.of(crdsDir)
 * try (CapiSimulator simulator = CapiSimulator.start(management, SimulatorOptions.of(WorkloadApis.of(sandbox), dev))) {
 *   // apply Cluster, DevCluster, KubeadmControlPlane, DevMachineTemplate ...: the control plane comes up, the
 *   // <cluster>-kubeconfig Secret points at the cluster's own API (sandbox.clusterUrl(namespace)).
 * }
 * }</pre>
 *
 * <p>Everything else in the package is internal: a small controller runtime ({@code Controller}, {@code Informers},
 * {@code KubeApi}) and one reconciler per Cluster API controller.
 */
package dev.fulcrum.sandbox.capi;
