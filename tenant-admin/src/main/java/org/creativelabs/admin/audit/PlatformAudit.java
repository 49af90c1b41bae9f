package org.creativelabs.admin.audit;

import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The platform audit log: who changed which lab's lifecycle, and when. Append-only, in the platform schema. */
@Component
public class PlatformAudit {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    PlatformAudit(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One entry of the log, as the console lists it. */
    public record Entry(java.time.Instant at, String actor, String action, UUID labId, String detail) {}

    /** The latest entries, newest first. */
    public java.util.List<Entry> recent(int limit) {
        return jdbc.query(
                "SELECT at, actor, action, lab_id, detail::text FROM platform_audit ORDER BY at DESC LIMIT ?",
                (rs, row) -> new Entry(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, UUID.class),
                        rs.getString(5)),
                limit);
    }

    public void record(String actor, String action, UUID labId, Map<String, ?> detail) {
        jdbc.update(
                "INSERT INTO platform_audit (id, actor, action, lab_id, detail) VALUES (?, ?, ?, ?, ?::jsonb)",
                UUID.randomUUID(),
                actor,
                action,
                labId,
                json.writeValueAsString(detail));
    }
}
