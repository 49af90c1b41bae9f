package org.creativelabs.admin.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of the {@code lab} table: every lab tenant-admin knows of, with its lifecycle status and Keycloak
 * organization. Other packages read and change labs only through here. Calls join the caller's transaction.
 */
@Repository
public class LabRegistry {

    /** A registered lab; {@code organizationId} is null until provisioning created its organization. */
    public record RegisteredLab(
            UUID id,
            String slug,
            String displayName,
            String region,
            LabStatus status,
            String organizationId,
            Instant createdAt) {}

    private static final String COLUMNS = "id, slug, display_name, region, status, organization_id, created_at";

    private final JdbcTemplate jdbc;

    LabRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new lab, PROVISIONING; a taken slug (even a deleted lab's) fails with a duplicate key. */
    public void register(UUID id, String slug, String displayName, String region, List<String> languages) {
        jdbc.update(
                "INSERT INTO lab (id, slug, display_name, region, status, languages) VALUES (?, ?, ?, ?, ?, ?::text[])",
                id,
                slug,
                displayName,
                region,
                LabStatus.PROVISIONING.name(),
                "{" + String.join(",", languages) + "}");
    }

    public Optional<RegisteredLab> bySlug(String slug) {
        return jdbc.query("SELECT " + COLUMNS + " FROM lab WHERE slug = ?", LabRegistry::lab, slug).stream()
                .findFirst();
    }

    public Optional<RegisteredLab> byId(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM lab WHERE id = ?", LabRegistry::lab, id).stream()
                .findFirst();
    }

    /** The ACTIVE lab with this slug, if there is one. */
    public Optional<RegisteredLab> active(String slug) {
        return bySlug(slug).filter(lab -> lab.status() == LabStatus.ACTIVE);
    }

    public List<RegisteredLab> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM lab ORDER BY slug", LabRegistry::lab);
    }

    /** ACTIVE labs that have their Keycloak organization, by slug. */
    public List<RegisteredLab> activeWithOrganization() {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM lab WHERE status = ? AND organization_id IS NOT NULL ORDER BY slug",
                LabRegistry::lab,
                LabStatus.ACTIVE.name());
    }

    public void setStatus(UUID id, LabStatus status) {
        jdbc.update("UPDATE lab SET status = ?, updated_at = now() WHERE id = ?", status.name(), id);
    }

    public void setOrganization(UUID id, String organizationId) {
        jdbc.update("UPDATE lab SET organization_id = ?, updated_at = now() WHERE id = ?", organizationId, id);
    }

    private static RegisteredLab lab(ResultSet rs, int row) throws SQLException {
        return new RegisteredLab(
                rs.getObject("id", UUID.class),
                rs.getString("slug"),
                rs.getString("display_name"),
                rs.getString("region"),
                LabStatus.valueOf(rs.getString("status")),
                rs.getString("organization_id"),
                rs.getTimestamp("created_at").toInstant());
    }
}
