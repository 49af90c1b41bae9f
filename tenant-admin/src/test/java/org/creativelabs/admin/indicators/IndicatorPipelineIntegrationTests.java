package org.creativelabs.admin.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.admin.provisioning.TenantAdminStack;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline end to end on the real stack: platform-core's relay carries each lab's outbox into tenant-admin's read
 * model within a minute, nothing is lost or counted twice while tenant-admin cannot be reached, a rebuild from the
 * lab's own data equals the incremental totals, small counts are suppressed in JSON and CSV alike, and only
 * coordinators change anything.
 */
class IndicatorPipelineIntegrationTests extends TenantAdminStack {

    @Autowired
    PlatformCore platformCore;

    @Test
    void twoLabsChangesReachTheReadModelNoneLostOrTwiceWhileTenantAdminIsAwayAndARebuildMatches() throws Exception {
        UUID naryn = provision(uniqueSlug("naryn"), "Naryn");
        UUID talas = provision(uniqueSlug("talas"), "Talas");
        seatResidents(naryn, 6);
        seatResidents(talas, 2);

        awaitResidents(naryn, 6);
        awaitResidents(talas, 2);
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("undp", CreativeLabsRealm.UNDP_VIEWER));
        JsonNode regions = get("/api/indicators?year=" + thisYear(), viewer).json();
        assertThat(residents(regions, "Naryn").get("yearTotal").asLong()).isEqualTo(6);
        assertThat(residents(regions, "Talas").get("yearTotal").isNull())
                .as("two residents: suppressed")
                .isTrue();
        assertThat(residents(regions, "Talas").get("breakdown").get("withheld").asBoolean())
                .isTrue();
        Reply csv = get("/api/indicators/csv?year=" + thisYear(), viewer);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body())
                .startsWith("region,lab,indicator,tags,year,measure,gender,ageBand,value")
                .contains("Talas,,residents.new,\"SDG 5.5 SDG 8.3\"," + thisYear() + ",year,,,suppressed")
                .contains("Naryn,,residents.new,\"SDG 5.5 SDG 8.3\"," + thisYear() + ",year,,,6");

        // tenant-admin away: platform-core's relay keeps failing, the lab keeps changing (260 entries: two batches).
        tenantAdminProxy.cut();
        seatResidents(naryn, 130);
        Thread.sleep(3_000);
        assertThat(applied(naryn, "residents.new")).isEqualTo(6);
        tenantAdminProxy.restore();
        awaitResidents(naryn, 136);
        Thread.sleep(2_000);
        assertThat(applied(naryn, "residents.new")).as("none twice").isEqualTo(136);
        assertThat(jdbc.queryForObject(
                        "SELECT sum(value) FROM indicator_region_month WHERE region = 'Naryn'"
                                + " AND indicator = 'residents.new'",
                        Long.class))
                .as("the region rolls up with its lab")
                .isGreaterThanOrEqualTo(136);

        Reply rebuilt = post("/api/indicators/labs/" + slugOf(naryn) + "/rebuild", null, coordinator, Map.of());
        assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
        assertThat(rebuilt.json().get("matched").asBoolean())
                .as("rebuilt from the lab's own outbox: " + rebuilt.body())
                .isTrue();
        assertThat(applied(naryn, "residents.new")).isEqualTo(136);
    }

    @Test
    void undpReadsOnlyCoordinatorsSetTargetsAndRebuildAndServicesOnlyDeliver() throws Exception {
        String slug = uniqueSlug("batken");
        provision(slug, "Batken");
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("undp", CreativeLabsRealm.UNDP_VIEWER));
        String member = TestKeycloak.userToken(TestKeycloak.createUser("member"));
        String target = "/api/indicators/labs/" + slug + "/targets/residents.new/" + thisYear();

        for (String path :
                List.of("/api/indicators", "/api/indicators/labs/" + slug, "/api/indicators/csv?lab=" + slug)) {
            assertThat(get(path, viewer).status()).as("viewer GET " + path).isEqualTo(200);
            assertThat(get(path, coordinator).status())
                    .as("coordinator GET " + path)
                    .isEqualTo(200);
            assertThat(get(path, member).status()).as("member GET " + path).isEqualTo(403);
            assertThat(get(path, null).status()).as("anonymous GET " + path).isEqualTo(401);
        }
        assertThat(put(target, Map.of("target", 150), viewer).status()).isEqualTo(403);
        assertThat(post("/api/indicators/labs/" + slug + "/rebuild", null, viewer, Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(put(target, Map.of("target", 150), member).status()).isEqualTo(403);

        Reply set = put(target, Map.of("target", 150), coordinator);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        JsonNode residents = set.json()
                .get("indicators")
                .valueStream()
                .filter(i -> i.get("indicator").asString().equals("residents.new"))
                .findFirst()
                .orElseThrow();
        assertThat(residents.get("target").get("target").asLong()).isEqualTo(150);
        // A lab-in-a-box template captured from this lab carries its targets to the labs opened with it.
        String template = "targets-" + slug;
        Reply captured = put("/api/templates/" + template, Map.of("fromLab", slug), coordinator);
        assertThat(captured.status()).as(captured.body()).isEqualTo(200);
        assertThat(captured.json()
                        .get("content")
                        .get("targets")
                        .get("residents.new")
                        .asLong())
                .isEqualTo(150);
        String opened = uniqueSlug("batken");
        Map<String, Object> withTemplate = new java.util.HashMap<>(request(opened, opened + "@example.org"));
        withTemplate.put("template", template);
        Reply accepted = post("/api/labs", withTemplate, coordinator, Map.of());
        assertThat(awaitFinished(labIdJob(accepted)).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(get("/api/indicators/labs/" + opened + "?year=" + thisYear(), viewer)
                        .json()
                        .get("indicators")
                        .get(1)
                        .get("target")
                        .get("target")
                        .asLong())
                .isEqualTo(150);

        Reply bad = put(target, Map.of("target", -1), coordinator);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.isProblem()).isTrue();
        Reply noTargets = put(
                "/api/indicators/labs/" + slug + "/targets/bookings/" + thisYear(), Map.of("target", 5), coordinator);
        assertThat(noTargets.status()).isEqualTo(400);
        assertThat(noTargets.body()).contains("indicator");

        // The delivery endpoint takes platform-core's service account only, and only aggregates of the catalog.
        UUID labId =
                UUID.fromString(jdbc.queryForObject("SELECT id::text FROM lab WHERE slug = ?", String.class, slug));
        Map<String, Object> entry = Map.of(
                "seq",
                1,
                "indicator",
                "residents.new",
                "period",
                "2026-01-01",
                "gender",
                "woman",
                "ageBand",
                "",
                "delta",
                1);
        String path = "/internal/indicators/labs/" + labId;
        assertThat(post(path, Map.of("entries", List.of(entry)), coordinator, Map.of())
                        .status())
                .isEqualTo(403);
        String service = TestKeycloak.clientToken(CreativeLabsRealm.PLATFORM_CORE_CLIENT);
        Map<String, Object> personal = new java.util.HashMap<>(entry);
        personal.put("gender", "aidai@example.org");
        Reply refused = post(path, Map.of("entries", List.of(personal)), service, Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("nothing was applied");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM indicator_value WHERE lab_id = ? AND gender LIKE '%@%'",
                        Long.class, labId))
                .isZero();
    }

    private UUID provision(String slug, String region) throws Exception {
        Map<String, Object> request = new java.util.HashMap<>(request(slug, slug + "@example.org"));
        request.put("region", region);
        Reply accepted = post("/api/labs", request, coordinator, Map.of());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode job = awaitFinished(labIdJob(accepted));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        return UUID.fromString(jdbc.queryForObject("SELECT id::text FROM lab WHERE slug = ?", String.class, slug));
    }

    private void seatResidents(UUID lab, int count) {
        for (int i = 0; i < count; i++) {
            platformCore.seat(lab, "resident-" + UUID.randomUUID(), List.of("resident"));
        }
    }

    private void awaitResidents(UUID lab, long count) {
        Awaitility.await("residents of " + lab + " in the read model")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> applied(lab, "residents.new") == count);
    }

    private long applied(UUID lab, String indicator) {
        return jdbc.queryForObject(
                "SELECT coalesce(sum(value), 0) FROM indicator_value WHERE lab_id = ? AND indicator = ?",
                Long.class,
                lab,
                indicator);
    }

    private String slugOf(UUID lab) {
        return jdbc.queryForObject("SELECT slug FROM lab WHERE id = ?", String.class, lab);
    }

    private static JsonNode residents(JsonNode regions, String region) {
        return regions.get("regions")
                .valueStream()
                .filter(r -> r.get("region").asString().equals(region))
                .findFirst()
                .orElseThrow()
                .get("indicators")
                .valueStream()
                .filter(i -> i.get("indicator").asString().equals("residents.new"))
                .findFirst()
                .orElseThrow();
    }

    private static int thisYear() {
        return LocalDate.now(ZoneId.of("Asia/Bishkek")).getYear();
    }
}
