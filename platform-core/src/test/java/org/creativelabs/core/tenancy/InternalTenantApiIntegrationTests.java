package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestDatabaseInitializer;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.devstack.TestPostgres;
import org.junit.jupiter.api.Test;

/** The lab lifecycle as platform-core sees it: create, serve, suspend (423), resume, archive, drop. */
class InternalTenantApiIntegrationTests extends LabApiTest {

    @Test
    void creatingTheSameLabTwiceIsANoOpAndATakenSlugIsAConflict() {
        UUID id = UUID.randomUUID();
        String slug = TestLabs.uniqueSlug("twice");
        assertThat(api.post("/internal/tenants", Map.of("labId", id, "slug", slug))
                        .status())
                .isEqualTo(201);
        Api.Reply again = api.post("/internal/tenants", Map.of("labId", id, "slug", slug));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("labId").asString()).isEqualTo(id.toString());

        Api.Reply taken = api.post("/internal/tenants", Map.of("labId", UUID.randomUUID(), "slug", slug));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.isProblem()).isTrue();
        Api.Reply renamed = api.post("/internal/tenants", Map.of("labId", id, "slug", TestLabs.uniqueSlug("other")));
        assertThat(renamed.status()).isEqualTo(409);
    }

    @Test
    void anUnknownLabIs404AndANewLabDoesNotServeUntilMigratedAndResumed() {
        Api.Reply unknown = api.get("/api/labs/" + TestLabs.uniqueSlug("nowhere") + "/spaces");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();

        Lab lab = labs.createPending("fresh");
        assertThat(api.get("/api/labs/" + lab.slug() + "/spaces").status()).isEqualTo(423);
        Api.Reply early = api.post("/internal/tenants/" + lab.id() + "/resume", null);
        assertThat(early.status()).as("an unmigrated lab cannot serve").isEqualTo(409);

        api.post("/internal/tenants/" + lab.id() + "/migrate", null);
        labs.seat(lab, TestAccounts.labAdminSubject(), "lab-admin");
        api.post("/internal/tenants/" + lab.id() + "/resume", null);
        assertThat(api.get("/api/labs/" + lab.slug() + "/spaces").status()).isEqualTo(200);
    }

    @Test
    void aSuspendedLabIs423WithItsDataKeptAndServesAgainWhenResumed() {
        Lab lab = labs.createServing("pause");
        labs.createSpace(lab, "Music room");

        assertThat(api.post("/internal/tenants/" + lab.id() + "/suspend", null)
                        .json()
                        .get("serving")
                        .asBoolean())
                .isFalse();
        Api.Reply locked = api.get("/api/labs/" + lab.slug() + "/spaces");
        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.isProblem()).isTrue();

        api.post("/internal/tenants/" + lab.id() + "/resume", null);
        assertThat(api.get("/api/labs/" + lab.slug() + "/spaces")
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void onlyAnArchivedLabCanBeDroppedAndDroppingRemovesSchemaAndRole() throws SQLException {
        Lab lab = labs.createServing("leaving");
        labs.createSpace(lab, "Old studio");

        Api.Reply refused = api.delete("/internal/tenants/" + lab.id());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(schemaAndRoleExist(lab)).isTrue();

        api.post("/internal/tenants/" + lab.id() + "/archive", null);
        assertThat(api.get("/api/labs/" + lab.slug() + "/spaces").status()).isEqualTo(423);
        assertThat(api.post("/internal/tenants/" + lab.id() + "/resume", null).status())
                .isEqualTo(409);

        assertThat(api.delete("/internal/tenants/" + lab.id()).status()).isEqualTo(204);
        assertThat(schemaAndRoleExist(lab)).isFalse();
        assertThat(api.get("/internal/tenants/" + lab.id()).status()).isEqualTo(404);
        assertThat(api.get("/api/labs/" + lab.slug() + "/spaces").status()).isEqualTo(404);
    }

    private static boolean schemaAndRoleExist(Lab lab) throws SQLException {
        try (Connection c = TestPostgres.server()
                        .connectAsSuperuser(TestDatabaseInitializer.logins().database());
                PreparedStatement ps =
                        c.prepareStatement("SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = ?) "
                                + "+ (SELECT count(*) FROM pg_roles WHERE rolname = ?)")) {
            ps.setString(1, lab.schema());
            ps.setString(2, lab.schema());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int found = rs.getInt(1);
                assertThat(found)
                        .as("schema and role exist together or not at all")
                        .isIn(0, 2);
                return found == 2;
            }
        }
    }
}
