package org.creativelabs.core.members.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who read, exported or erased whose personal data, and when: append-only, in the lab's own schema, written in the
 * same transaction as the read or change it records.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class PersonalDataAudit {

    enum Action {
        PROFILE_READ,
        EXPORTED,
        ERASED,
        CONSENT_GIVEN,
        CONSENT_WITHDRAWN
    }

    record Entry(String actor, Action action, Instant at) {}

    private final JdbcTemplate jdbc;

    PersonalDataAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID membershipId, String actor, Action action) {
        jdbc.update(
                "INSERT INTO personal_data_audit (id, membership_id, actor, action) VALUES (?, ?, ?, ?)",
                UUID.randomUUID(),
                membershipId,
                actor,
                action.name());
    }

    /** What was done with this member's data, newest first. */
    List<Entry> about(UUID membershipId) {
        return jdbc.query(
                "SELECT actor, action, at FROM personal_data_audit WHERE membership_id = ? ORDER BY at DESC",
                (rs, row) -> new Entry(
                        rs.getString("actor"),
                        Action.valueOf(rs.getString("action")),
                        rs.getTimestamp("at").toInstant()),
                membershipId);
    }

    /** An erased person's name in the audit of others' data becomes their pseudonym; what they did stays recorded. */
    void pseudonymise(String actor, String pseudonym) {
        jdbc.update("UPDATE personal_data_audit SET actor = ? WHERE actor = ?", pseudonym, actor);
    }
}
