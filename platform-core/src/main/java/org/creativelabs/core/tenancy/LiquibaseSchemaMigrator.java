package org.creativelabs.core.tenancy;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockServiceFactory;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * The one migration engine: runs a changelog against one schema, with that schema's own tracking tables.
 * Used for the {@code core} catalog at start-up and for every lab schema (internal API, fleet runs and the
 * migrate-only mode).
 */
final class LiquibaseSchemaMigrator {

    static final String CORE_CHANGELOG = "db/changelog/core/changelog.yaml";
    static final String LAB_CHANGELOG = "db/changelog/lab/changelog.yaml";

    private final ResourceAccessor resources =
            new ClassLoaderResourceAccessor(getClass().getClassLoader());

    /**
     * Applies the changelog to the schema the connection is already set up for. The context names the schema,
     * so Liquibase's JVM-wide caches can never mistake one lab for another.
     * <p>The caller holds the schema's PostgreSQL advisory lock ({@link TenantMigrationRunner}), which dies
     * with its connection. Liquibase's own lock row does not: a run that failed or was killed can leave it set
     * and block every later run for minutes. Under the advisory lock no other run is possible, so a set row is
     * stale and is cleared first.
     */
    void update(Connection connection, String schema, String changelog) throws Exception {
        Scope.child(Scope.Attr.resourceAccessor.name(), resources, () -> {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            database.setDefaultSchemaName(schema);
            database.setLiquibaseSchemaName(schema);
            LockServiceFactory.getInstance().getLockService(database).forceReleaseLock();
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, schema)
                    .execute();
        });
    }

    /** The version a fully migrated schema has: the id of the changelog's last change set. */
    String latestVersion(String changelog) {
        List<String> ids = changeSetIds(changelog);
        return ids.get(ids.size() - 1);
    }

    /** The ids of the changelog's change sets, in the order they run. */
    List<String> changeSetIds(String changelog) {
        try {
            return Scope.child(
                    Map.of(Scope.Attr.resourceAccessor.name(), resources),
                    () -> ChangeLogParserFactory.getInstance()
                            .getParser(changelog, resources)
                            .parse(changelog, new ChangeLogParameters(), resources)
                            .getChangeSets()
                            .stream()
                            .map(ChangeSet::getId)
                            .toList());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + changelog, e);
        }
    }
}
