package org.creativelabs.core.members.privacy;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's sensitive field values, each row tied to the consent that allows it (PostgreSQL refuses one without).
 * Only the member sees them per person; indicators read them in aggregate.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class SensitiveAttributes {

    private final JdbcTemplate jdbc;

    SensitiveAttributes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<SensitiveField, String> of(UUID membershipId) {
        Map<SensitiveField, String> values = new EnumMap<>(SensitiveField.class);
        jdbc.query(
                "SELECT field, value FROM sensitive_attribute WHERE membership_id = ?",
                rs -> {
                    values.put(SensitiveField.of(rs.getString("field")), rs.getString("value"));
                },
                membershipId);
        return values;
    }

    /** Stores the values under this consent, replacing earlier values of the same fields. */
    void keep(UUID membershipId, Consent consent, Map<SensitiveField, String> values) {
        values.forEach((field, value) -> jdbc.update("""
                INSERT INTO sensitive_attribute (membership_id, field, value, consent_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (membership_id, field) DO UPDATE SET value = excluded.value, consent_id = excluded.consent_id""", membershipId, field.value(), value, consent.id()));
    }

    /** Consents whose fields are now all held under a newer consent: they cover nothing any more. */
    java.util.List<UUID> consentsCoveringNothing(UUID membershipId) {
        return jdbc.queryForList("""
                SELECT c.id FROM consent c WHERE c.membership_id = ? AND c.withdrawn_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM sensitive_attribute a WHERE a.consent_id = c.id)""", UUID.class, membershipId);
    }

    void removeCoveredBy(UUID consentId) {
        jdbc.update("DELETE FROM sensitive_attribute WHERE consent_id = ?", consentId);
    }

    void removeAll(UUID membershipId) {
        jdbc.update("DELETE FROM sensitive_attribute WHERE membership_id = ?", membershipId);
    }
}
