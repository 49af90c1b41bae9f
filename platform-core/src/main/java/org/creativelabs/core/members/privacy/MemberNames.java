package org.creativelabs.core.members.privacy;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The names staff pages show people by: a member's display name from her profile (none before she writes one). Only
 * the name; contacts and sensitive answers stay behind the audited profile read.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY, readOnly = true)
public class MemberNames {

    /** An active member with these roles, and her name (null without a profile). */
    public record Named(UUID membershipId, String subject, String name) {}

    private final JdbcTemplate jdbc;

    MemberNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Names by Keycloak subject, for those of these subjects who have a profile here. */
    public Map<String, String> ofSubjects(Collection<String> subjects) {
        Map<String, String> names = new HashMap<>();
        if (subjects.isEmpty()) {
            return names;
        }
        jdbc.query(
                "SELECT m.subject, p.display_name FROM membership m JOIN member_profile p ON p.membership_id = m.id"
                        + " WHERE m.subject = ANY (?)",
                rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                },
                (Object) subjects.toArray(String[]::new));
        return names;
    }

    /** Active members holding any of these roles ({@code "mentor"}, {@code "staff"}, …), by name. */
    public List<Named> withAnyRole(String... roles) {
        return jdbc.query(
                "SELECT m.id, m.subject, p.display_name FROM membership m"
                        + " LEFT JOIN member_profile p ON p.membership_id = m.id"
                        + " WHERE m.active AND m.roles && ?::text[] ORDER BY p.display_name NULLS LAST, m.created_at",
                (rs, row) -> new Named(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                (Object) roles);
    }
}
