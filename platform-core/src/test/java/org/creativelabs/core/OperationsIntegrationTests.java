package org.creativelabs.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.junit.jupiter.api.Test;

/** What operators and client developers rely on: probes, the OpenAPI document, problem+json for everything. */
class OperationsIntegrationTests extends LabApiTest {



    @Test
    void answersHealthLivenessAndReadiness() {
        for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Api.Reply reply = api.get(probe);
            assertThat(reply.status()).as(probe).isEqualTo(200);
            assertThat(reply.json().get("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void servesItsOpenApiDocument() {
        Api.Reply docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/labs/{slug}/spaces")).isTrue();
        assertThat(docs.json().get("paths").has("/internal/tenants")).isTrue();
    }

    @Test
    void unknownPathsAndWrongMethodsAreProblems() {
        Api.Reply missing = api.get("/no/such/page");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).as(missing.toString()).isTrue();

        Api.Reply wrongMethod = api.send("PATCH", "/internal/tenants", "{}", java.util.Map.of());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.isProblem()).isTrue();

        Api.Reply notJson = api.send("POST", "/internal/tenants", "{", java.util.Map.of());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.isProblem()).isTrue();
    }
}
