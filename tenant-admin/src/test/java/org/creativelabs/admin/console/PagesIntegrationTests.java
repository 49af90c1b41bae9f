package org.creativelabs.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.admin.provisioning.TenantAdminStack;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The console and the dashboard as tenant-admin serves them behind the gateway (which relays the signed-in browser's
 * token): who may open which page, what each shows, the same suppression as the API, the four languages, compression.
 * Their behaviour in a real browser is tested in the gateway's browser tests.
 */
class PagesIntegrationTests extends TenantAdminStack {

    @Autowired
    PlatformCore platformCore;

    @Test
    void onlyCoordinatorsOpenTheConsoleAndItListsEveryLabWithItsSchema() throws Exception {
        String slug = uniqueSlug("pages");
        Reply accepted = post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of());
        assertThat(awaitFinished(labIdJob(accepted)).get("status").asString()).isEqualTo("SUCCEEDED");

        HttpResponse<String> anonymous = page("/console/", null, null);
        assertThat(anonymous.statusCode())
                .as("a browser without a session signs in first")
                .isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).contains("/login");
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("undp", CreativeLabsRealm.UNDP_VIEWER));
        String member = TestKeycloak.userToken(TestKeycloak.createUser("member"));
        for (String token : List.of(viewer, member)) {
            HttpResponse<String> refused = page("/console/", token, null);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(page("/undp/", member, null).statusCode()).isEqualTo(403);

        HttpResponse<String> console = page("/console/", coordinator, null);
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(console.headers().firstValue("Cache-Control")).contains("no-store");
        String row = rowOf(console.body(), slug);
        assertThat(row).contains(">active<");
        assertThat(row).as("its schema version").containsPattern("<td>\\d{4}[^<]*</td>");
        assertThat(row).contains("data-lab-action=\"suspend\"").doesNotContain("data-lab-action=\"delete\"");
        assertThat(console.body()).contains("id=\"open-lab\"", "data-idempotency-key=", "LAB_REQUESTED");
        assertThat(console.body())
                .as("no inline scripts (the gateway's CSP allows none)")
                .doesNotContain("<script>");
    }

    @Test
    void theDashboardSuppressesSmallCountsAsTheApiDoesChangesNothingAndSpeaksKyrgyz() throws Exception {
        String region = "Batken-" + UUID.randomUUID().toString().substring(0, 8);
        residentsIn(region, 3);
        // A region large enough to show its breakdowns: two-way for residents, one-way (gender) for the network.
        String larger = "Osh-" + UUID.randomUUID().toString().substring(0, 8);
        residentsIn(larger, 12);
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("undp", CreativeLabsRealm.UNDP_VIEWER));

        HttpResponse<String> dashboard = page("/undp/", viewer, "en");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        String html = dashboard.body();
        String residents = section(html, "residents.new");
        String regionRow = rowOf(residents, region);
        assertThat(regionRow)
                .as("three residents: the year's count is suppressed")
                .contains("data-suppressed")
                .doesNotContain("data-value=\"3\"");
        assertThat(residents).contains("Too few people to show any breakdown.");
        assertThat(rowOf(residents, larger)).contains("data-value=\"12\"");
        String network = section(html, "network.new");
        String largerNetwork = network.substring(network.indexOf("data-region=\"" + larger + "\""));
        assertThat(largerNetwork.substring(0, largerNetwork.indexOf("</table>")))
                .as("the network's breakdown by gender alone")
                .contains("Not stated")
                .doesNotContain("Too few people");
        String apiYear = get("/api/indicators", viewer).body();
        assertThat(apiYear).contains("\"region\":\"" + region + "\"");
        assertThat(Pattern.compile("<form[^>]*method=\"post\"")
                        .matcher(html)
                        .results()
                        .count())
                .as("UNDP's page changes nothing: its only post is signing out")
                .isEqualTo(1);
        assertThat(html).contains("action=\"/logout\"").doesNotContain("id=\"open-lab\"");
        assertThat(html).doesNotContain("href=\"/console/\"");

        HttpResponse<String> kyrgyz = page("/undp/?lang=ky", viewer, null);
        assertThat(kyrgyz.body()).contains("lang=\"ky\"", "Аймактар боюнча көрсөткүчтөр", "жашырылган");
        String cookie = kyrgyz.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("lang=ky");
        assertThat(page("/undp/", viewer, null, "Cookie", cookie.split(";")[0]).body())
                .as("the language is remembered")
                .contains("Аймактар боюнча көрсөткүчтөр");
        assertThat(page("/undp/", viewer, null, "Accept-Language", "ru-RU,ru;q=0.9")
                        .body())
                .as("until chosen, the browser's language")
                .contains("Показатели по регионам");
        assertThat(page("/undp/?year=1800", viewer, null).statusCode()).isEqualTo(400);

        HttpResponse<byte[]> compressed = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/undp/"))
                        .header("Authorization", "Bearer " + viewer)
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(compressed.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(new String(new GZIPInputStream(new java.io.ByteArrayInputStream(compressed.body())).readAllBytes()))
                .contains(region);
        assertThat(page("/console/assets/pages.js", null, null).statusCode())
                .as("the pages' files are public")
                .isEqualTo(200);
        assertThat(page("/console/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", null, null)
                        .statusCode())
                .isEqualTo(200);
    }

    /** A new lab of the region, with this many residents delivered to the read model. */
    private void residentsIn(String region, int residents) throws Exception {
        String slug = uniqueSlug("dash");
        Map<String, Object> lab = new java.util.HashMap<>(request(slug, slug + "@example.org"));
        lab.put("region", region);
        Reply accepted = post("/api/labs", lab, coordinator, Map.of());
        JsonNode job = awaitFinished(labIdJob(accepted));
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        UUID labId = UUID.fromString(job.get("labId").asString());
        for (int i = 0; i < residents; i++) {
            platformCore.seat(labId, "resident-" + UUID.randomUUID(), List.of("resident"));
        }
        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .until(() -> jdbc.queryForObject(
                                "SELECT coalesce(sum(value), 0) FROM indicator_value WHERE lab_id = ?"
                                        + " AND indicator = 'residents.new'",
                                Long.class,
                                labId)
                        == residents);
    }

    private HttpResponse<String> page(String path, String token, String lang, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path
                        + (lang == null ? "" : (path.contains("?") ? "&" : "?") + "lang=" + lang)))
                .header("Accept", "text/html");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The table row whose header names the text. */
    private static String rowOf(String html, String text) {
        int at = html.indexOf(">" + text + "<");
        assertThat(at).as(text + " on the page").isPositive();
        int start = html.lastIndexOf("<tr", at);
        return html.substring(start, html.indexOf("</tr>", at));
    }

    private static String section(String html, String indicator) {
        int start = html.indexOf("id=\"h-" + indicator + "\"");
        assertThat(start).isPositive();
        int end = html.indexOf("</section>", start);
        return html.substring(start, end);
    }
}
