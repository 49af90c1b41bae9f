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
