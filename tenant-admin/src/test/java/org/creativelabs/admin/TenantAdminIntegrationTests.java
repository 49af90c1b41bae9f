package org.creativelabs.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.creativelabs.devstack.DatabaseLogins;
import org.creativelabs.devstack.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** tenant-admin on a real PostgreSQL with its own least-privilege login. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantAdminIntegrationTests {

    static final DatabaseLogins logins = TestPostgres.database("clpt_admin");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestPostgres.server().jdbcUrl(logins.database()));
        registry.add("spring.datasource.username", logins::tenantAdmin);
        registry.add("spring.datasource.password", () -> "");
    }

    @Test
    void ownsTheLabRegistryInThePlatformSchemaAndCannotReachPlatformCoreData() {
        assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE schemaname = 'platform' AND tablename = 'lab'",
                String.class)).isEqualTo(logins.tenantAdmin());
        assertThat(jdbc.queryForObject("SELECT has_schema_privilege(current_user, 'core', 'USAGE')", Boolean.class)).isFalse();
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT count(*) FROM core.lab_tenant", Long.class))
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void answersReadinessServesOpenApiAndAnswersProblems() throws Exception {
        assertThat(get("/actuator/health/readiness")).contains("\"UP\"");
        assertThat(get("/v3/api-docs")).contains("\"openapi\"");
        HttpResponse<String> missing = send("/no/such/page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
