package org.creativelabs.core.tenancy;

import java.util.UUID;

/** What one migration run did to one lab. */
public record MigrationResult(
        UUID labId, String slug, Outcome outcome, String schemaVersion, long millis, String error) {

    public enum Outcome {
        MIGRATED,
        SKIPPED,
        FAILED,
        BUSY
    }

    static MigrationResult migrated(CatalogEntry lab, String version, long millis) {
        return new MigrationResult(lab.labId(), lab.slug(), Outcome.MIGRATED, version, millis, null);
    }

    static MigrationResult skipped(CatalogEntry lab) {
        return new MigrationResult(lab.labId(), lab.slug(), Outcome.SKIPPED, lab.schemaVersion(), 0, null);
    }

    static MigrationResult busy(CatalogEntry lab) {
        return new MigrationResult(
                lab.labId(),
                lab.slug(),
                Outcome.BUSY,
                lab.schemaVersion(),
                0,
                "Another migration of this lab is running");
    }

    static MigrationResult failed(CatalogEntry lab, long millis, Exception e) {
        return new MigrationResult(
                lab.labId(),
                lab.slug(),
                Outcome.FAILED,
                lab.schemaVersion(),
                millis,
                TenantMigrationRunner.rootMessage(e));
    }
}
