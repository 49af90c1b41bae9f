package org.creativelabs.core.tenancy;

import java.util.List;

/** The per-lab results of one fleet migration run. */
public record FleetMigrationReport(
        int migrated, int skipped, int failed, int busy, long millis, List<MigrationResult> results) {

    static FleetMigrationReport of(List<MigrationResult> results, long millis) {
        return new FleetMigrationReport(
                count(results, MigrationResult.Outcome.MIGRATED),
                count(results, MigrationResult.Outcome.SKIPPED),
                count(results, MigrationResult.Outcome.FAILED),
                count(results, MigrationResult.Outcome.BUSY),
                millis,
                results);
    }

    private static int count(List<MigrationResult> results, MigrationResult.Outcome outcome) {
        return (int) results.stream().filter(r -> r.outcome() == outcome).count();
    }
}
