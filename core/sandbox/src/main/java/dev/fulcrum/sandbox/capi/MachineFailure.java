package dev.fulcrum.sandbox.capi;

/** A failure the simulator can inject into a machine, for tests of what reacts to broken machines. */
public enum MachineFailure {
  /** The VM is provisioned (the Machine reaches Provisioned with a provider ID) but its Node never registers. */
  NEVER_GETS_NODE,
  /** The Node registers Ready, then turns {@code Ready=False} after {@link Delays#nodeUnhealthy()}. */
  NODE_UNHEALTHY
}
