package org.creativelabs.core.tenancy;

import java.util.UUID;
import org.creativelabs.core.web.Problems;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates and drops a lab's role and schema, each in one transaction together with its catalog row, so a
 * failure leaves neither half behind. Runs as the migrator login.
 */
@Component
public class TenantSchemas {

    private final MigratorConnections migrator;
    private final TenantCatalog catalog;

    TenantSchemas(MigratorConnections migrator, TenantCatalog catalog) {
        this.migrator = migrator;
        this.catalog = catalog;
    }

    /** Returns the lab's entry and whether this call created it; repeating the same request is a no-op. */
    public Created create(UUID labId, LabSlug slug) {
        var existing = catalog.findById(labId);
        if (existing.isPresent()) {
            if (!existing.get().slug().equals(slug.value())) {
                throw conflict("exists", labId, existing.get().slug());
            }
            return new Created(existing.get(), false);
        }
        String schema = Lab.schemaFor(labId);
        try {
            migrator.transactions().executeWithoutResult(status -> {
                JdbcTemplate jdbc = migrator.jdbc();
                // Same connection: TransactionTemplate binds it to this thread for the JdbcTemplate below.
                jdbc.update(
                        "INSERT INTO core.lab_tenant (lab_id, slug, schema_name, role_name, migration_status) "
                                + "VALUES (?, ?, ?, ?, 'PENDING')",
                        labId,
                        slug.value(),
                        schema,
                        schema);
                jdbc.execute("CREATE ROLE " + q(schema) + " NOLOGIN NOINHERIT");
                jdbc.execute("GRANT " + q(schema) + " TO " + q(migrator.login()));
                jdbc.execute("GRANT " + q(schema) + " TO " + q(migrator.runtimeLogin()));
                jdbc.execute("CREATE SCHEMA " + q(schema) + " AUTHORIZATION " + q(schema));
            });
        } catch (DuplicateKeyException e) {
            throw conflict("slug-taken", slug.value());
        }
        return new Created(catalog.findById(labId).orElseThrow(), true);
    }

    /** Removes the schema, the role and the catalog entry; only an archived lab may be dropped. */
    public void drop(UUID labId) {
        CatalogEntry lab = catalog.findById(labId).orElseThrow(() -> new LabNotFoundException(labId.toString()));
        if (!lab.archived()) {
            throw conflict("not-archived", lab.slug());
        }
        migrator.transactions().executeWithoutResult(status -> {
            JdbcTemplate jdbc = migrator.jdbc();
            // The migrator is NOINHERIT: it drops the schema as the lab role that owns it.
            jdbc.execute("SET LOCAL ROLE " + q(lab.roleName()));
            jdbc.execute("DROP SCHEMA IF EXISTS " + q(lab.schemaName()) + " CASCADE");
            jdbc.execute("RESET ROLE");
            jdbc.execute("DROP ROLE IF EXISTS " + q(lab.roleName()));
            jdbc.update("DELETE FROM core.lab_tenant WHERE lab_id = ?", labId);
        });
        catalog.forgetCachedEntries();
    }

    public record Created(CatalogEntry entry, boolean created) {}

    public static String q(String identifier) {
        if (!Lab.isLabSchema(identifier) && !identifier.matches("^[a-z][a-z0-9_]{0,62}$")) {
            throw new IllegalArgumentException("Unsafe identifier: " + identifier);
        }
        return '"' + identifier + '"';
    }

    /** A lifecycle conflict; its message is {@code problem.lab-conflict.<reason>}. */
    public static Problems.Problem conflict(String reason, Object... args) {
        return Problems.withMessage(HttpStatus.CONFLICT, "lab-conflict", "lab-conflict." + reason, args);
    }
}
