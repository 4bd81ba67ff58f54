package dev.fulcrum.sandbox.patch;

import java.time.Instant;

/**
 * The parameters of one server-side apply request.
 *
 * @param manager the field manager ({@code fieldManager} query parameter); required
 * @param force whether conflicting fields are taken over from other managers ({@code force=true})
 * @param apiVersion the group/version of the request URL, e.g. {@code apps/v1} or {@code v1}; the body must match it
 * @param subresource {@code null} for the main resource, {@code "status"} for the status subresource
 * @param listSemantics how lists and maps of this kind merge; {@code null} picks {@link ListSemantics#forObject}
 *     (built-in table or the custom-resource default) — pass {@code StructuralSchema#listSemantics()} for CRs
 * @param now the time recorded in the manager's entry; {@code null} means the current time
 * @param statusSubresource whether the kind has a status subresource; if so, {@code status} belongs to the
 *     {@code status} subresource only and the main resource ignores it (as kube-apiserver resets it)
 */
public record ApplyOptions(String manager, boolean force, String apiVersion, String subresource,
        ListSemantics listSemantics, Instant now, boolean statusSubresource) {

    /** @return options for applying to the main resource, without force, for a kind with a status subresource */
    public static ApplyOptions of(String manager, String apiVersion) {
        return new ApplyOptions(manager, false, apiVersion, null, null, null, true);
    }

    public ApplyOptions withForce(boolean value) {
        return new ApplyOptions(manager, value, apiVersion, subresource, listSemantics, now, statusSubresource);
    }

    public ApplyOptions withSubresource(String value) {
        return new ApplyOptions(manager, force, apiVersion, value, listSemantics, now, statusSubresource);
    }

    public ApplyOptions withListSemantics(ListSemantics value) {
        return new ApplyOptions(manager, force, apiVersion, subresource, value, now, statusSubresource);
    }

    public ApplyOptions withNow(Instant value) {
        return new ApplyOptions(manager, force, apiVersion, subresource, listSemantics, value, statusSubresource);
    }

    public ApplyOptions withStatusSubresource(boolean value) {
        return new ApplyOptions(manager, force, apiVersion, subresource, listSemantics, now, value);
    }
}
