package org.creativelabs.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestKeycloak;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Issue 5, must-show 4: an archived lab's export, restored into a new lab, gives the same rows in every table. */
class LabExportIntegrationTests extends LabApiTest {

    @Test
    void anArchivedLabsExportRestoredIntoANewLabHasIdenticalRowsInEveryTable() {
        Lab osh = labs.createServing("exp-osh");
        String base = "/api/labs/" + osh.slug();
        UUID studio = labs.createSpace(osh, "Felt studio");
        labs.book(osh, studio, 10);
        assertThat(api.post(
                                base + "/spaces/" + studio + "/booking-series",
                                Map.of(
                                        "startsAt",
                                        TestLabs.tomorrowAt(12).toString(),
                                        "endsAt",
                                        TestLabs.tomorrowAt(13).toString(),
                                        "frequency",
                                        "WEEKLY",
                                        "occurrences",
                                        3,
                                        "note",
                                        "Weekly felting"),
                                Map.of("Idempotency-Key", "series-1"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(base + "/plans", Map.of("name", "Resident", "monthlyBookingHours", 40))
                        .status())
                .isEqualTo(201);
        String resident = TestKeycloak.createUser("resident");
        UUID membership = labs.seat(osh, TestAccounts.subject(resident), "resident");
        Api asResident = api.as(TestAccounts.tokenOf(resident));
        assertThat(asResident
                        .put(base + "/profiles/me", Map.of("displayName", "Gulnara", "bio", "Ceramics, «ала-кийиз»"))
                        .status())
                .isEqualTo(200);
        assertThat(asResident
                        .post(
                                base + "/profiles/me/consents",
                                Map.of(
                                        "fields",
                                        List.of("gender", "district"),
                                        "values",
                                        Map.of("gender", "woman", "district", "Kara-Suu")))
                        .status())
                .isEqualTo(201);
        api.get(base + "/memberships/" + membership + "/profile");
        assertThat(api.put(base + "/branding/logo", TestLabs.png(2048)).status())
                .isEqualTo(200);
        Map<String, Long> rows = LabDatabase.rowCounts(osh);
        Map<String, String> content = LabDatabase.fingerprint(osh);
        assertThat(api.post("/internal/tenants/" + osh.id() + "/archive", null).status())
                .isEqualTo(200);

        Api.Reply exported = api.post("/internal/tenants/" + osh.id() + "/exports", null);
        assertThat(exported.status()).as(exported.toString()).isEqualTo(201);
        JsonNode manifest = exported.json();
        assertThat(manifest.get("tables").size()).isEqualTo(rows.size());
        assertThat(exported.body())
                .as("the manifest names tables and counts, never their content")
                .doesNotContain("Gulnara", "Kara-Suu");

        Lab restored = labs.createPending("exp-new");
        assertThat(api.post("/internal/tenants/" + restored.id() + "/migrate", null)
                        .status())
                .isEqualTo(200);
        Api.Reply restore = api.post(
                "/internal/tenants/" + restored.id() + "/restore",
                Map.of("exportId", manifest.get("exportId").asString()));
        assertThat(restore.status()).as(restore.toString()).isEqualTo(200);

        assertThat(LabDatabase.rowCounts(restored)).as("rows per table").isEqualTo(rows);
        assertThat(LabDatabase.fingerprint(restored)).as("the rows themselves").isEqualTo(content);
        assertThat(rows.values().stream().filter(n -> n > 0).count())
                .as("the export had something in most tables")
                .isGreaterThan(8);
        assertThat(api.post("/internal/tenants/" + restored.id() + "/resume", null)
                        .status())
                .isEqualTo(200);
        assertThat(asResident
                        .get("/api/labs/" + restored.slug() + "/profiles/me")
                        .json()
                        .get("displayName")
                        .asString())
                .isEqualTo("Gulnara");
    }

    @Autowired
    DataSource runtimePool;

    @Autowired
    LabHousekeeping housekeeping;

    @Test
    void exportsLiveInPostgresWhereNoLabRoleAndNotTheRuntimeLoginCanReadThem() throws SQLException {
        Lab lab = labs.createServing("exp-durable");
        labs.createSpace(lab, "Loom");
        UUID exportId = UUID.fromString(api.post("/internal/tenants/" + lab.id() + "/exports", null)
                .json()
                .get("exportId")
                .asString());
        assertThat(LabDatabase.number("SELECT count(*) FROM exports.lab_export_table WHERE export_id = ?", exportId))
                .as("the COPY data, in the database every replica shares")
                .isGreaterThan(8);
        try (Connection c = runtimePool.getConnection();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT count(*) FROM exports.lab_export_table"))
                    .as("the runtime login")
                    .hasMessageContaining("permission denied");
        }
        try (Connection c = runtimePool.getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL ROLE \"" + lab.schema() + "\"");
            assertThatThrownBy(() -> st.executeQuery("SELECT count(*) FROM exports.lab_export_table"))
                    .as("the lab's own role")
                    .hasMessageContaining("permission denied");
            c.rollback();
        }
    }

    @Test
    void aDamagedExportRestoresNothing() {
        Lab source = labs.createServing("exp-damaged");
        labs.createSpace(source, "Loom");
        String exportId = api.post("/internal/tenants/" + source.id() + "/exports", null)
                .json()
                .get("exportId")
                .asString();
        LabDatabase.superuser("UPDATE exports.lab_export_table SET content = content || '\\x0a'::bytea "
                + "WHERE export_id = '" + exportId + "' AND table_name = 'space'");
        Lab target = labs.createPending("exp-target");
        assertThat(api.post("/internal/tenants/" + target.id() + "/migrate", null)
                        .status())
                .isEqualTo(200);
        Map<String, String> before = LabDatabase.fingerprint(target);
        Api.Reply refused = api.post("/internal/tenants/" + target.id() + "/restore", Map.of("exportId", exportId));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.body()).contains("space");
        assertThat(LabDatabase.fingerprint(target)).as("nothing restored").isEqualTo(before);
        assertThat(LabDatabase.number(
                        "SELECT count(*) FROM core.lab_export_restore WHERE export_id = ?::uuid", exportId))
                .as("the failed restore did not use the export up")
                .isZero();
    }

    @Test
    void aDeletedLabsExportsAreKeptForTheRetentionPeriodThenPurgedAndEveryStepIsRecorded() {
        Lab lab = labs.createServing("exp-retention");
        assertThat(api.post("/internal/tenants/" + lab.id() + "/archive", null).status())
                .isEqualTo(200);
        UUID exportId = UUID.fromString(api.post("/internal/tenants/" + lab.id() + "/exports", null)
                .json()
                .get("exportId")
                .asString());
        assertThat(api.delete("/internal/tenants/" + lab.id()).status()).isEqualTo(204);
        assertThat(LabDatabase.number(
                        "SELECT count(*) FROM exports.lab_export WHERE export_id = ? "
                                + "AND expires_at > now() + interval '29 days'",
                        exportId))
                .as("kept 30 days after the lab is gone")
                .isEqualTo(1);

        housekeeping.purgeExpiredExports();
        assertThat(LabDatabase.number("SELECT count(*) FROM exports.lab_export WHERE export_id = ?", exportId))
                .isEqualTo(1);
        LabDatabase.superuser(
                "UPDATE exports.lab_export SET expires_at = now() - interval '1 second' WHERE export_id = '" + exportId
                        + "'");
        housekeeping.purgeExpiredExports();
        assertThat(LabDatabase.number("SELECT count(*) FROM exports.lab_export WHERE export_id = ?", exportId))
                .isZero();
        assertThat(LabDatabase.number("SELECT count(*) FROM exports.lab_export_table WHERE export_id = ?", exportId))
                .isZero();
        assertThat(LabDatabase.number(
                        "SELECT count(DISTINCT action) FROM exports.lab_export_event WHERE export_id = ? "
                                + "AND action IN ('CREATED', 'EXPIRY_SET', 'PURGED')",
                        exportId))
                .as("created, expiry set, purged")
                .isEqualTo(3);
    }

    @Test
    void aRestoreIntoAServingLabOrAnotherSchemaVersionIsRefusedAndChangesNothing() {
        Lab source = labs.createServing("exp-src");
        labs.createSpace(source, "Loom");
        String exportId = api.post("/internal/tenants/" + source.id() + "/exports", null)
                .json()
                .get("exportId")
                .asString();
        Lab serving = labs.createServing("exp-serving");
        Map<String, String> before = LabDatabase.fingerprint(serving);
        Api.Reply refused = api.post("/internal/tenants/" + serving.id() + "/restore", Map.of("exportId", exportId));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(LabDatabase.fingerprint(serving)).isEqualTo(before);
        Lab pending = labs.createPending("exp-unmigrated");
        assertThat(api.post("/internal/tenants/" + pending.id() + "/restore", Map.of("exportId", exportId))
                        .status())
                .isEqualTo(409);
        assertThat(api.post(
                                "/internal/tenants/" + pending.id() + "/restore",
                                Map.of("exportId", UUID.randomUUID().toString()))
                        .status())
                .isEqualTo(404);
    }
}
