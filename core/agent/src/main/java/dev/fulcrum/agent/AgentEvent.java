package dev.fulcrum.agent;

/**
 * Something that happened in the cluster and that the management plane should learn about.
 *
 * @param time ISO-8601 instant
 * @param reason a CamelCase reason, e.g. {@code MachineRemediated}
 * @param message what happened, in a sentence
 */
public record AgentEvent(String time, String reason, String message) {}
