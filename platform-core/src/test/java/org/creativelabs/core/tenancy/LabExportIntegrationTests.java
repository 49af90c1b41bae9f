package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.devstack.TestKeycloak;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 5, must-show 4: an archived lab's export, restored into a new lab, gives the same rows in every table. */
class LabExportIntegrationTests extends LabApiTest {

    @Test
    void anArchivedLabsExportRestoredIntoANewLabHasIdenticalRowsInEveryTable() {
        Lab osh = labs.createServing("exp-osh");
        String base = "/api/labs/" + osh.slug();
        UUID studio = labs.createSpace(osh, "Felt studio");
        labs.book(osh, studio, 10);
        assertThat(api.post(base + "/spaces/" + studio + "/booking-series", Map.of("startsAt", TestLabs.tomorrowAt(12).toString(),
                "endsAt", TestLabs.tomorrowAt(13).toString(), "frequency", "WEEKLY", "occurrences", 3, "note", "Weekly felting"),
                Map.of("Idempotency-Key", "series-1")).status()).isEqualTo(201);
        assertThat(api.post(base + "/plans", Map.of("name", "Resident", "monthlyBookingHours", 40)).status()).isEqualTo(201);
        String resident = TestKeycloak.createUser("resident");
        UUID membership = labs.seat(osh, TestAccounts.subject(resident), "resident");
        Api asResident = api.as(TestAccounts.tokenOf(resident));
        assertThat(asResident.put(base + "/profiles/me", Map.of("displayName", "Gulnara", "bio", "Ceramics, «ала-кийиз»")).status())
                .isEqualTo(200);
        assertThat(asResident.post(base + "/profiles/me/consents", Map.of("fields", List.of("gender", "district"),
                "values", Map.of("gender", "woman", "district", "Kara-Suu"))).status()).isEqualTo(201);
        api.get(base + "/memberships/" + membership + "/profile");
        assertThat(api.put(base + "/branding/logo", TestLabs.png(2048)).status()).isEqualTo(200);
        Map<String, Long> rows = LabDatabase.rowCounts(osh);
        Map<String, String> content = LabDatabase.fingerprint(osh);
        assertThat(api.post("/internal/tenants/" + osh.id() + "/archive", null).status()).isEqualTo(200);

        Api.Reply exported = api.post("/internal/tenants/" + osh.id() + "/exports", null);
        assertThat(exported.status()).as(exported.toString()).isEqualTo(201);
        JsonNode manifest = exported.json();
        assertThat(manifest.get("tables").size()).isEqualTo(rows.size());
        assertThat(exported.body()).as("the manifest names tables and counts, never their content").doesNotContain("Gulnara", "Kara-Suu");

        Lab restored = labs.createPending("exp-new");
        assertThat(api.post("/internal/tenants/" + restored.id() + "/migrate", null).status()).isEqualTo(200);
        Api.Reply restore = api.post("/internal/tenants/" + restored.id() + "/restore",
                Map.of("exportId", manifest.get("exportId").asString()));
        assertThat(restore.status()).as(restore.toString()).isEqualTo(200);

        assertThat(LabDatabase.rowCounts(restored)).as("rows per table").isEqualTo(rows);
        assertThat(LabDatabase.fingerprint(restored)).as("the rows themselves").isEqualTo(content);
        assertThat(rows.values().stream().filter(n -> n > 0).count()).as("the export had something in most tables").isGreaterThan(8);
        assertThat(api.post("/internal/tenants/" + restored.id() + "/resume", null).status()).isEqualTo(200);
        assertThat(asResident.get("/api/labs/" + restored.slug() + "/profiles/me").json().get("displayName").asString())
                .isEqualTo("Gulnara");
    }

    @Test
    void aRestoreIntoAServingLabOrAnotherSchemaVersionIsRefusedAndChangesNothing() {
        Lab source = labs.createServing("exp-src");
        labs.createSpace(source, "Loom");
        String exportId = api.post("/internal/tenants/" + source.id() + "/exports", null).json().get("exportId").asString();
        Lab serving = labs.createServing("exp-serving");
        Map<String, String> before = LabDatabase.fingerprint(serving);
        Api.Reply refused = api.post("/internal/tenants/" + serving.id() + "/restore", Map.of("exportId", exportId));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(LabDatabase.fingerprint(serving)).isEqualTo(before);
        Lab pending = labs.createPending("exp-unmigrated");
        assertThat(api.post("/internal/tenants/" + pending.id() + "/restore", Map.of("exportId", exportId)).status()).isEqualTo(409);
        assertThat(api.post("/internal/tenants/" + pending.id() + "/restore", Map.of("exportId", UUID.randomUUID().toString())).status())
                .isEqualTo(404);
    }
}
