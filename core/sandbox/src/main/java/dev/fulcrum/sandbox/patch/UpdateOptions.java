package dev.fulcrum.sandbox.patch;

import java.time.Instant;

/**
 * The parameters of recording ownership for a non-apply write (create, update, merge/JSON/strategic patch).
 *
 * @param manager the field manager: the {@code fieldManager} query parameter, else the User-Agent up to the first
 *     {@code /} (the caller decides); required
 * @param apiVersion the group/version of the request URL
 * @param subresource {@code null} for the main resource, {@code "status"} for the status subresource
 * @param listSemantics how lists and maps of this kind merge; {@code null} picks {@link ListSemantics#forObject}
 * @param now the time recorded in the entry when this write changed something; {@code null} means the current time
 * @param statusSubresource whether the kind has a status subresource (see {@link ApplyOptions#statusSubresource()})
 */
public record UpdateOptions(String manager, String apiVersion, String subresource, ListSemantics listSemantics,
        Instant now, boolean statusSubresource) {

    /** @return options for a write to the main resource of a kind with a status subresource */
    public static UpdateOptions of(String manager, String apiVersion) {
        return new UpdateOptions(manager, apiVersion, null, null, null, true);
    }

    public UpdateOptions withSubresource(String value) {
        return new UpdateOptions(manager, apiVersion, value, listSemantics, now, statusSubresource);
    }

    public UpdateOptions withListSemantics(ListSemantics value) {
        return new UpdateOptions(manager, apiVersion, subresource, value, now, statusSubresource);
    }

    public UpdateOptions withNow(Instant value) {
        return new UpdateOptions(manager, apiVersion, subresource, listSemantics, value, statusSubresource);
    }

    public UpdateOptions withStatusSubresource(boolean value) {
        return new UpdateOptions(manager, apiVersion, subresource, listSemantics, now, value);
    }
}
