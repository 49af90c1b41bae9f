package org.creativelabs.core.tenancy;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code --platform.mode=migrate-only}: no web server; migrate the core catalog (at start-up, as always) and
 * every lab, then exit. Exit code 0 when all labs are current, 3 when some failed (they are marked
 * {@code MIGRATION_FAILED} and keep serving their previous, compatible version). The Helm migration job
 * runs this.
 */
@Component
@ConditionalOnProperty(name = "platform.mode", havingValue = "migrate-only")
public class MigrateOnlyMode implements ApplicationRunner, ExitCodeGenerator {

    static final int SOME_LABS_FAILED = 3;
    private static final Logger log = LoggerFactory.getLogger(MigrateOnlyMode.class);

    private final TenantMigrationRunner migrations;
    private int exitCode;

    MigrateOnlyMode(TenantMigrationRunner migrations) {
        this.migrations = migrations;
    }

    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains("--platform.mode=migrate-only")
                || "migrate-only".equals(System.getenv("PLATFORM_MODE"));
    }

    @Override
    public void run(ApplicationArguments args) {
        FleetMigrationReport report = migrations.migrateAll(false);
        report.results().stream()
                .filter(r -> r.outcome() == MigrationResult.Outcome.FAILED)
                .forEach(r -> log.error("Lab {} ({}) failed to migrate: {}", r.slug(), r.labId(), r.error()));
        exitCode = report.failed() > 0 ? SOME_LABS_FAILED : 0;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
