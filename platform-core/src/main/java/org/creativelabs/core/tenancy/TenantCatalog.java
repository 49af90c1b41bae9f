package org.creativelabs.core.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * platform-core's catalog of the lab schemas it hosts ({@code core.lab_tenant}). Reads go through the
 * runtime login, which may only select from it; every change goes through the migrator login and only
 * through the internal tenant API.
 */
@Component
public class TenantCatalog {

    private static final String COLUMNS = "lab_id, slug, schema_name, role_name, schema_version, migration_status, "
            + "migration_error, serving, archived_at, created_at, migrated_at";

    private static final RowMapper<CatalogEntry> ROWS = TenantCatalog::entry;

    private final JdbcTemplate runtime;
    private final JdbcTemplate migrator;
    private final MigratorConnections migratorConnections;
    private final Cache<String, Optional<CatalogEntry>> bySlug;

    TenantCatalog(JdbcTemplate runtime, MigratorConnections migrator, TenancyProperties properties) {
        this.runtime = runtime;
        this.migrator = migrator.jdbc();
        this.migratorConnections = migrator;
        this.bySlug = Caffeine.newBuilder()
                .expireAfterWrite(properties.catalogCacheTtl())
                .maximumSize(10_000)
                .build();
    }

    /** The lab behind a request, cached briefly; suspending or dropping a lab here evicts it at once. */
    Optional<CatalogEntry> findBySlug(LabSlug slug) {
        return bySlug.get(
                slug.value(),
                s -> runtime.query("SELECT " + COLUMNS + " FROM core.lab_tenant WHERE slug = ?", ROWS, s).stream()
                        .findFirst());
    }

    public Optional<CatalogEntry> findById(UUID labId) {
        return runtime.query("SELECT " + COLUMNS + " FROM core.lab_tenant WHERE lab_id = ?", ROWS, labId).stream()
                .findFirst();
    }

    public List<CatalogEntry> findAll() {
        return runtime.query("SELECT " + COLUMNS + " FROM core.lab_tenant ORDER BY slug", ROWS);
    }

    void markMigrating(UUID labId) {
        update("UPDATE core.lab_tenant SET migration_status = 'MIGRATING', updated_at = now() WHERE lab_id = ?", labId);
    }

    void markCurrent(UUID labId, String version) {
        update(
                "UPDATE core.lab_tenant SET migration_status = 'CURRENT', schema_version = ?, migration_error = NULL, "
                        + "migrated_at = now(), updated_at = now() WHERE lab_id = ?",
                version,
                labId);
    }

    void markFailed(UUID labId, String error) {
        update(
                "UPDATE core.lab_tenant SET migration_status = 'MIGRATION_FAILED', migration_error = ?, "
                        + "updated_at = now() WHERE lab_id = ?",
                abbreviate(error),
                labId);
    }

    /**
     * Serving is enforced by PostgreSQL, not only by this flag: the runtime login keeps its membership in the lab's
     * role only while the lab serves, so every replica's next binding fails at once (423) whatever its cache says.
     */
    public void setServing(UUID labId, boolean serving) {
        changeServing(
                labId,
                serving,
                "UPDATE core.lab_tenant SET serving = ?, updated_at = now() WHERE lab_id = ?",
                serving,
                labId);
    }

    public void markArchived(UUID labId) {
        changeServing(
                labId,
                false,
                "UPDATE core.lab_tenant SET serving = false, archived_at = coalesce(archived_at, now()), "
                        + "updated_at = now() WHERE lab_id = ?",
                labId);
    }

    private void changeServing(UUID labId, boolean serving, String sql, Object... args) {
        CatalogEntry lab = findById(labId).orElseThrow(() -> new LabNotFoundException(labId.toString()));
        String role = TenantSchemas.q(lab.roleName());
        String runtimeLogin = TenantSchemas.q(migratorConnections.runtimeLogin());
        migratorConnections.transactions().executeWithoutResult(status -> {
            migrator.update(sql, args);
            migrator.execute(
                    serving ? "GRANT " + role + " TO " + runtimeLogin : "REVOKE " + role + " FROM " + runtimeLogin);
        });
        forgetCachedEntries();
    }

    /** Changes made here take effect on this replica at once; others see them within the cache TTL. */
    void forgetCachedEntries() {
        bySlug.invalidateAll();
    }

    private void update(String sql, Object... args) {
        migrator.update(sql, args);
        forgetCachedEntries();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }

    private static CatalogEntry entry(ResultSet rs, int row) throws SQLException {
        return new CatalogEntry(
                rs.getObject("lab_id", UUID.class),
                rs.getString("slug"),
                rs.getString("schema_name"),
                rs.getString("role_name"),
                rs.getString("schema_version"),
                MigrationStatus.valueOf(rs.getString("migration_status")),
                rs.getString("migration_error"),
                rs.getBoolean("serving"),
                instant(rs.getTimestamp("archived_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("migrated_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
