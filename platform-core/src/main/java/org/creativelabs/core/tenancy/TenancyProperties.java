package org.creativelabs.core.tenancy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param migratorUsername the migrator login (creates lab roles and schemas, runs Liquibase); same database URL
 * @param migratorPassword its password, empty with trust authentication
 * @param catalogCacheTtl how long a replica may serve a lab's cached catalog entry (suspension elsewhere takes at most this long)
 * @param migrationParallelism how many lab schemas migrate at once
 */
@ConfigurationProperties("platform.tenancy")
record TenancyProperties(
        String migratorUsername,
        @DefaultValue("") String migratorPassword,
        @DefaultValue("5s") Duration catalogCacheTtl,
        @DefaultValue("4") int migrationParallelism) {}
