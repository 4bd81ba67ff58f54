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
 *       {@link dev.fulcrum.sandbox.capi.Delays} and {@link dev.fulcrum.sandbox.capi.FailureInjection};</li>
 *   <li>{@link dev.fulcrum.sandbox.capi.CapiControllerImage} runs the simulator inside a workload cluster, for the
 *       CAPI controller Deployment installed there (with {@link dev.fulcrum.sandbox.kubelet.DeploymentRuntime}).</li>
 * </ul>
 *
 * <pre>{@code
 * SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
 * KubernetesClient management = ...; // a fabric8 client for sandbox.clusterUrl(SandboxServer.MANAGEMENT)
 * ProviderDescriptor d = provider.descriptor();            // a loaded plugin's descriptor
 * InfraKinds kinds = InfraKinds.of(d.apiVersion(), d.clusterKind(), d.machineKind(), d.machineTemplateKind(),
 *     d.contract());
 * CapiCrds.install(management, List.of(kinds), Optional.empty()); // or Optional.of(crdsDir)
 * SimulatorOptions options = SimulatorOptions.of(WorkloadApis.of(sandbox), kinds);  // demo delays, no failures
 * try (CapiSimulator simulator = CapiSimulator.start(management, options)) {
 *   // apply the rendered Cluster, infrastructure cluster, KubeadmControlPlane and machine template: the control
 *   // plane comes up, and the <cluster>-kubeconfig Secret points at the cluster's own API
 *   // (sandbox.clusterUrl(<the Cluster's namespace>)).
 * }
 * }</pre>
 *
 * <p>Everything else in the package is internal: a small controller runtime ({@code Controller}, {@code Informers},
 * {@code KubeApi}) and one reconciler per Cluster API controller.
 */
package dev.fulcrum.sandbox.capi;
