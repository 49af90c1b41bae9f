package org.creativelabs.core.members.privacy;

/**
 * What a feature holds about a person in a lab, for their export and their erasure. Each feature that stores
 * something a person wrote or did (bookings, later enrolments and applications) implements it, so members' export and
 * erasure reach all of it without knowing the features.
 */
public interface PersonalData {

    /** The name of this part of an export, e.g. {@code "bookings"}. */
    String section();

    /** Everything this feature holds about the person, as it would be shown to them. */
    Object export(String subject);

    /**
     * Removes the person's personal data, keeping anonymous facts for aggregates: their subject becomes
     * {@code pseudonym}, free text they wrote is removed. Runs inside the erasure's transaction.
     */
    void erase(String subject, String pseudonym);
}
