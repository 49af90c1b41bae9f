package org.creativelabs.core.tenancy;

public enum MigrationStatus {
    /** Role and schema exist; the lab changelog has not run yet. */
    PENDING,
    MIGRATING,
    CURRENT,
    MIGRATION_FAILED
}
