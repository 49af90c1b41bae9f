package org.creativelabs.core.tenancy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Migrates lab schemas with the lab changelog: one lab, or the whole fleet with bounded parallelism.
 * A lab already at the latest version is skipped without touching its schema; one lab's failure is recorded
 * in the catalog as {@code MIGRATION_FAILED} (retryable) and never stops the others; a PostgreSQL advisory
 * lock per lab keeps two runners (replicas, the Helm job) off the same schema.
 */
@Component
public class TenantMigrationRunner implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(TenantMigrationRunner.class);
    private static final int LOCK_NAMESPACE = 0x434c5031; // "CLP1"

    private final MigratorConnections migrator;
    private final TenantCatalog catalog;
    private final TenancyProperties properties;
    private final LiquibaseSchemaMigrator liquibase = new LiquibaseSchemaMigrator();
    private String latestLabVersion;

    TenantMigrationRunner(MigratorConnections migrator, TenantCatalog catalog, TenancyProperties properties) {
        this.migrator = migrator;
        this.catalog = catalog;
        this.properties = properties;
    }

    /** The core catalog is migrated before anything can read it; replicas starting together take turns. */
    @Override
    public void afterPropertiesSet() throws Exception {
        try (Connection connection = migrator.open()) {
            TenantConnectionBinder.execute(
                    connection, "SELECT pg_advisory_lock(" + LOCK_NAMESPACE + ", hashtext('core'))");
            liquibase.update(connection, "core", LiquibaseSchemaMigrator.CORE_CHANGELOG);
        } // closing the connection releases the advisory lock
        latestLabVersion = liquibase.latestVersion(LiquibaseSchemaMigrator.LAB_CHANGELOG);
        log.info("Tenant catalog ready; lab schema version {}", latestLabVersion);
    }

    public String latestLabVersion() {
        return latestLabVersion;
    }

    public FleetMigrationReport migrateAll(boolean onlyFailed) {
        return migrateAll(onlyFailed, properties.migrationParallelism());
    }

    /** The fleet with this many schemas migrating at once (an operator's choice for one run; 1 to 16). */
    public FleetMigrationReport migrateAll(boolean onlyFailed, int parallelism) {
        long started = System.nanoTime();
        List<CatalogEntry> labs = catalog.findAll().stream()
                .filter(entry -> !entry.archived())
                .filter(entry -> !onlyFailed || entry.migrationStatus() == MigrationStatus.MIGRATION_FAILED)
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(16, parallelism)));
        try {
            List<Future<MigrationResult>> pending = new ArrayList<>();
            for (CatalogEntry lab : labs) {
                pending.add(pool.submit(() -> migrate(lab, false)));
            }
            List<MigrationResult> results = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                try {
                    results.add(pending.get(i).get());
                } catch (Exception e) {
                    results.add(MigrationResult.failed(labs.get(i), 0, e));
                }
            }
            FleetMigrationReport report = FleetMigrationReport.of(results, (System.nanoTime() - started) / 1_000_000);
            log.info(
                    "Fleet migration: {} migrated, {} skipped, {} failed, {} busy in {} ms",
                    report.migrated(),
                    report.skipped(),
                    report.failed(),
                    report.busy(),
                    report.millis());
            return report;
        } finally {
            pool.shutdownNow();
        }
    }

    public MigrationResult migrate(UUID labId, boolean force) {
        CatalogEntry lab = catalog.findById(labId).orElseThrow(() -> new LabNotFoundException(labId.toString()));
        return migrate(lab, force);
    }

    private MigrationResult migrate(CatalogEntry lab, boolean force) {
        if (!force && lab.isCurrentAt(latestLabVersion)) {
            return MigrationResult.skipped(lab);
        }
        long started = System.nanoTime();
        try (Connection connection = migrator.open()) {
            if (!tryLock(connection, lab.labId())) {
                return MigrationResult.busy(lab);
            }
            try {
                catalog.markMigrating(lab.labId());
                TenantConnectionBinder.bindSession(connection, lab.lab());
                liquibase.update(connection, lab.schemaName(), LiquibaseSchemaMigrator.LAB_CHANGELOG);
                TenantConnectionBinder.resetSession(connection);
                catalog.markCurrent(lab.labId(), latestLabVersion);
                return MigrationResult.migrated(lab, latestLabVersion, elapsed(started));
            } finally {
                unlock(connection, lab.labId());
            }
        } catch (Exception e) {
            log.warn("Migration of lab {} ({}) failed: {}", lab.slug(), lab.labId(), rootMessage(e));
            catalog.markFailed(lab.labId(), rootMessage(e));
            return MigrationResult.failed(lab, elapsed(started), e);
        }
    }

    private static boolean tryLock(Connection connection, UUID labId) throws Exception {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT pg_try_advisory_lock(" + LOCK_NAMESPACE + ", hashtext('" + labId + "'))")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void unlock(Connection connection, UUID labId) {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_advisory_unlock(" + LOCK_NAMESPACE + ", hashtext('" + labId + "'))");
        } catch (Exception e) {
            // The connection is closed next, which releases the lock anyway.
            log.debug("Advisory unlock failed", e);
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
