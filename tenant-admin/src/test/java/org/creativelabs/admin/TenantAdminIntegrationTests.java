package org.creativelabs.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.creativelabs.devstack.DatabaseLogins;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.devstack.TestPostgres;
import org.creativelabs.realm.CreativeLabsRealm;
import org.creativelabs.realm.RealmReconciler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** tenant-admin on a real PostgreSQL (its own least-privilege login) and a real Keycloak. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantAdminIntegrationTests {

    static final DatabaseLogins logins = TestPostgres.database("clpt_admin");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestPostgres.server().jdbcUrl(logins.database()));
        registry.add("spring.datasource.username", logins::tenantAdmin);
        registry.add("spring.datasource.password", () -> "");
        registry.add("platform.keycloak.url", TestKeycloak::url);
        registry.add("platform.keycloak.admin-password", TestKeycloak::adminPassword);
        registry.add("platform.keycloak.dev-clients", () -> "true");
        TestKeycloak.secrets()
                .forEach((client, secret) -> registry.add("platform.keycloak.client-secrets." + client, () -> secret));
    }

    @Test
    void ownsTheLabRegistryInThePlatformSchemaAndCannotReachPlatformCoreData() {
        assertThat(jdbc.queryForObject(
                        "SELECT tableowner FROM pg_tables WHERE schemaname = 'platform' AND tablename = 'lab'",
                        String.class))
                .isEqualTo(logins.tenantAdmin());
        assertThat(jdbc.queryForObject("SELECT has_schema_privilege(current_user, 'core', 'USAGE')", Boolean.class))
                .isFalse();
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT count(*) FROM core.lab_tenant", Long.class))
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void appliedTheRealmAtStartUpAndApplyingAgainChangesNothing() {
        var realm = TestKeycloak.admin().realm(CreativeLabsRealm.NAME);
        var settings = realm.toRepresentation();
        assertThat(settings.isOrganizationsEnabled()).isTrue();
        assertThat(settings.isRegistrationAllowed()).isTrue();
        assertThat(realm.roles().list())
                .extracting(r -> r.getName())
                .contains(CreativeLabsRealm.COORDINATOR, CreativeLabsRealm.UNDP_VIEWER, CreativeLabsRealm.PROVISIONER);
        var gateway =
                realm.clients().findByClientId(CreativeLabsRealm.GATEWAY_CLIENT).get(0);
        assertThat(gateway.isPublicClient()).isFalse();
        assertThat(gateway.isStandardFlowEnabled()).isTrue();
        assertThat(gateway.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
        var tenantAdmin = realm.clients()
                .findByClientId(CreativeLabsRealm.TENANT_ADMIN_CLIENT)
                .get(0);
        var account = realm.clients().get(tenantAdmin.getId()).getServiceAccountUser();
        String management =
                realm.clients().findByClientId("realm-management").get(0).getId();
        assertThat(realm.users()
                        .get(account.getId())
                        .roles()
                        .clientLevel(management)
                        .listEffective())
                .extracting(r -> r.getName())
                .contains("manage-users", "manage-realm");

        new RealmReconciler(TestKeycloak.admin())
                .apply(
                        CreativeLabsRealm.definition(new CreativeLabsRealm.Settings(
                                List.of("http://localhost:8080/*"), TestKeycloak.secrets(), true)),
                        CreativeLabsRealm.serviceAccountRealmRoles(),
                        CreativeLabsRealm.serviceAccountManagementRoles());
        assertThat(realm.clients()
                        .findByClientId(CreativeLabsRealm.GATEWAY_CLIENT)
                        .get(0)
                        .getId())
                .as("clients are updated in place, not recreated")
                .isEqualTo(gateway.getId());
        assertThat(TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT))
                .isNotBlank();
    }

    @Test
    void aMemberOfALabsOrganizationCarriesItInTheTokenWhenAskingForTheOrganizationScope() {
        String username = TestKeycloak.createUser("org-member");
        String slug = "org-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        var admin = TestKeycloak.admin();
        String organization = new RealmReconciler(admin)
                .ensureOrganization(
                        CreativeLabsRealm.NAME, java.util.UUID.randomUUID().toString(), slug, "A lab");
        assertThat(new RealmReconciler(admin).ensureOrganization(CreativeLabsRealm.NAME, "ignored", slug, "again"))
                .as("one organization per lab, found again by its alias")
                .isEqualTo(organization);
        admin.realm(CreativeLabsRealm.NAME)
                .organizations()
                .get(organization)
                .members()
                .addMember(TestKeycloak.subjectOf(username))
                .close();

        String token = TestKeycloak.userToken(username, "openid organization");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims).contains("\"organization\":[\"" + slug + "\"]");
    }

    @Test
    void theRegistryIsForCoordinatorsAndUndpViewersOnly() throws Exception {
        String coordinator =
                TestKeycloak.userToken(TestKeycloak.createUser("coordinator", CreativeLabsRealm.COORDINATOR));
        String viewer = TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER));
        String person = TestKeycloak.userToken(TestKeycloak.createUser("person"));

        assertThat(send("/api/registry/labs", coordinator).statusCode()).isEqualTo(200);
        assertThat(send("/api/registry/labs", viewer).statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = send("/api/registry/labs", person);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> anonymous = send("/api/registry/labs", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void answersReadinessServesOpenApiAndAnswersProblems() throws Exception {
        assertThat(send("/readyz", null).body()).contains("\"UP\"");
        String document = send("/v3/api-docs", null).body();
        assertThat(document).contains("\"openapi\"").contains("/api/labs").doesNotContain("\"/internal/");
        String token = TestKeycloak.userToken(TestKeycloak.createUser("someone"));
        assertThat(send("/actuator/metrics", token).statusCode())
                .as("metrics stay on the management port")
                .isEqualTo(404);
        HttpResponse<String> missing = send("/no/such/page", token);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private HttpResponse<String> send(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
