package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.creativelabs.core.PlatformCoreApplication;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The Helm job's mode: no web server, every lab migrated, exit code says whether all are current. */
class MigrateOnlyModeIntegrationTests extends LabApiTest {

    @Test
    void migratesPendingLabsWithoutAWebServerAndExitsZero() {
        Lab pending = labs.createPending("job");
        assertThat(api.get("/internal/tenants/" + pending.id())
                        .json()
                        .get("migrationStatus")
                        .asString())
                .isEqualTo("PENDING");

        ConfigurableApplicationContext job = new SpringApplicationBuilder(PlatformCoreApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(new TestDatabaseInitializer())
                .run("--platform.mode=migrate-only", "--spring.datasource.hikari.maximum-pool-size=2");
        int exitCode = SpringApplication.exit(job);

        assertThat(exitCode).isZero();
        assertThat(api.get("/internal/tenants/" + pending.id())
                        .json()
                        .get("migrationStatus")
                        .asString())
                .isEqualTo("CURRENT");
    }

    @Test
    void requestedByArgumentOrEnvironment() {
        assertThat(MigrateOnlyMode.requested(new String[] {"--platform.mode=migrate-only"}))
                .isTrue();
        assertThat(MigrateOnlyMode.requested(new String[] {"--server.port=0"}))
                .isEqualTo("migrate-only".equals(System.getenv("PLATFORM_MODE")));
    }
}
