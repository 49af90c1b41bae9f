package org.creativelabs.core.tenancy;

import org.creativelabs.realm.LabSlugs;

/**
 * The URL name of a lab, e.g. {@code osh}. Only for URLs: a lab is keyed by its id everywhere else.
 * Checked before anything reaches SQL, by the rules every service shares ({@link LabSlugs}).
 */
public record LabSlug(String value) {

    public LabSlug {
        String reason = LabSlugs.reasonAgainst(value);
        if (reason != null) {
            throw new InvalidLabSlugException(reason, value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
