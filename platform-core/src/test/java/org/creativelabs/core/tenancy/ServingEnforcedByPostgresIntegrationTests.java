package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Not serving" is enforced by PostgreSQL itself: a suspended or archived lab's role is revoked from the runtime login,
 * so a replica that still has the lab cached as serving fails at its next binding, and answers 423.
 */
class ServingEnforcedByPostgresIntegrationTests extends LabApiTest {

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    Lab lab;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("serving");
        labs.createSpace(lab, "Loom");
    }

    @Test
    void suspendingRevokesTheRuntimeLoginsRoleSoAStaleCacheCannotServeAndResumingGrantsItBack() {
        assertThat(spacesAsThisReplicaSeesThem()).isEqualTo(1);
        assertThat(api.post("/internal/tenants/" + lab.id() + "/suspend", null).status())
                .isEqualTo(200);
        assertThat(runtimeIsMember()).isFalse();
        // The same Lab as a replica's cache would still hold it: the binding itself fails.
        // (SET LOCAL ROLE is refused with 42501, which the binding reports as the lab not serving.)
        assertThatThrownBy(this::spacesAsThisReplicaSeesThem).hasRootCauseInstanceOf(LabNotServingException.class);

        assertThat(api.post("/internal/tenants/" + lab.id() + "/resume", null).status())
                .isEqualTo(200);
        assertThat(runtimeIsMember()).isTrue();
        assertThat(spacesAsThisReplicaSeesThem()).isEqualTo(1);

        assertThat(api.post("/internal/tenants/" + lab.id() + "/archive", null).status())
                .isEqualTo(200);
        assertThat(runtimeIsMember()).isFalse();
    }

    @Test
    void aRequestThatPassesAStaleCatalogEntryIsA423FromPostgresNotA500() {
        // The catalog still says serving (as another replica's cache would); PostgreSQL no longer lets the runtime in.
        LabDatabase.superuser("REVOKE \"" + lab.schema() + "\" FROM \""
                + TestDatabaseInitializer.logins().runtime() + "\"");
        try {
            Api.Reply refused = api.get("/api/labs/" + lab.slug() + "/spaces");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(423);
            assertThat(refused.isProblem()).isTrue();
        } finally {
            LabDatabase.superuser("GRANT \"" + lab.schema() + "\" TO \""
                    + TestDatabaseInitializer.logins().runtime() + "\"");
        }
    }

    private int spacesAsThisReplicaSeesThem() {
        return TenantContext.callAs(
                lab,
                () -> transactions.execute(status -> jdbc.queryForObject("SELECT count(*) FROM space", Integer.class)));
    }

    private boolean runtimeIsMember() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT pg_has_role(?, ?, 'MEMBER')",
                Boolean.class,
                TestDatabaseInitializer.logins().runtime(),
                lab.schema()));
    }
}
