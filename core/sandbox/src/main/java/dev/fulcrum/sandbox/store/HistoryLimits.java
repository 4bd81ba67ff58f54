package dev.fulcrum.sandbox.store;

/** How much recent history one cluster keeps for resuming watches. */
public record HistoryLimits(int maxEvents, long maxBytes) {}
