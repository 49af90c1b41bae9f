package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Must-show 5: bad slugs are a 400 problem from the slug check itself (its own problem type), in the lab
 * path and in the internal API, so they never reach SQL; and nothing is created.
 */
class LabSlugIntegrationTests extends LabApiTest {

    private static final String INVALID_SLUG = "urn:problem:invalid-lab-slug";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "osh'; DROP SCHEMA core; --",
                "osh;x=1",
                "Osh",
                "ош",
                "o sh",
                "admin",
                "internal",
                "abcdefghijklmnopqrstuvwxyz01234",
                "osh\"",
                "osh%00"
            })
    void aBadSlugInTheLabPathIsA400Problem(String slug) {
        Api.Reply reply = api.get(
                "/api/labs/" + URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20") + "/spaces");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().get("type").asString()).isEqualTo(INVALID_SLUG);
    }

    @Test
    void aMatrixParameterCannotSmuggleARealLabPastTheCheck() {
        var lab = labs.createServing("matrix");
        assertThat(api.get("/api/labs/" + lab.slug() + "/spaces").status()).isEqualTo(200);
        Api.Reply smuggled = api.get("/api/labs/" + lab.slug() + ";role=x/spaces");
        assertThat(smuggled.status()).isEqualTo(400);
        assertThat(smuggled.json().get("type").asString()).isEqualTo(INVALID_SLUG);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "osh'; DROP SCHEMA core; --",
                "osh;drop",
                "Osh",
                "ош",
                "o sh",
                "admin",
                "api",
                "abcdefghijklmnopqrstuvwxyz01234",
                ""
            })
    void aBadSlugIsRefusedByTheInternalApiAndNothingIsCreated(String slug) {
        UUID id = UUID.randomUUID();
        Api.Reply reply = api.post("/internal/tenants", Map.of("labId", id, "slug", slug));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().get("type").asString()).isEqualTo(INVALID_SLUG);
        assertThat(api.get("/internal/tenants/" + id).status()).isEqualTo(404);
    }
}
