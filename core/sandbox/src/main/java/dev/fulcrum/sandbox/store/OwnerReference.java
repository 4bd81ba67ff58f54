package dev.fulcrum.sandbox.store;

/** One {@code metadata.ownerReferences} item; identity is the {@code uid}. */
public record OwnerReference(String apiVersion, String kind, String name, String uid, boolean controller,
    boolean blockOwnerDeletion) {}
