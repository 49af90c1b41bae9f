package org.creativelabs.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.junit.jupiter.api.Test;

/** What operators and client developers rely on: probes, the OpenAPI document, problem+json for everything. */
class OperationsIntegrationTests extends LabApiTest {

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void thePublicPortAnswersOnlyTheHealthProbesAndTheManagementPortTheRest() {
        for (String probe : new String[] {"/livez", "/readyz"}) {
            Api.Reply reply = api.anonymous().get(probe);
            assertThat(reply.status()).as(probe).isEqualTo(200);
            assertThat(reply.json().get("status").asString()).isEqualTo("UP");
        }
        for (String hidden :
                new String[] {"/actuator/metrics", "/actuator/prometheus", "/actuator/health", "/actuator/env"}) {
            Api.Reply reply = api.get(hidden);
            assertThat(reply.status())
                    .as("public port: " + hidden + " " + reply)
                    .isEqualTo(404);
            assertThat(reply.isProblem()).isTrue();
        }
        Api management = new Api(managementPort);
        assertThat(management.anonymous().get("/actuator/health/readiness").status())
                .isEqualTo(200);
        assertThat(management.get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void servesItsOpenApiDocumentWithoutTheInternalApiOrTheErrorPage() {
        Api.Reply docs = api.anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/labs/{slug}/spaces")).isTrue();
        assertThat(docs.json().get("paths").propertyNames())
                .as("documented paths")
                .noneMatch(path -> path.startsWith("/internal"))
                .doesNotContain("/error");
    }

    @Test
    void theErrorPageCalledDirectlyIsA404Problem() {
        Api.Reply reply = api.get("/error");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.isProblem()).isTrue();
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
