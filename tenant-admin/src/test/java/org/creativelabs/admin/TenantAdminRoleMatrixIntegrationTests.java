package org.creativelabs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.creativelabs.admin.provisioning.TenantAdminStack;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what on tenant-admin, over every endpoint of the running application: each platform role, a lab member
 * (a personal account with a lab-admin seat, which gives nothing here), a personal account, the service accounts and
 * no token. Each cell expects one exact status. An endpoint without a rule fails {@link #everyEndpointHasARule()}, and
 * a rule for an endpoint that no longer exists fails too.
 */
class TenantAdminRoleMatrixIntegrationTests extends TenantAdminStack {

    enum Caller {
        COORDINATOR,
        UNDP_VIEWER,
        LAB_MEMBER,
        PERSONAL_ACCOUNT,
        PROVISIONER,
        MEMBERSHIP_REPORTER,
        LAB_ROUTER
    }

    /** The fixture a cell may read: an ACTIVE lab, the job that opened it, and a template. Never changed by a cell. */
    record Fixture(UUID labId, String slug, String jobId, String template) {}

    /** {@code allowed}: the callers that pass, with the status each must get; everyone else gets 403, no token 401. */
    record Rule(Map<Caller, Integer> allowed, Function<Fixture, String> path, Function<Fixture, Object> body) {}

    private static Rule rule(Function<Fixture, String> path, Function<Fixture, Object> body, Object... allowed) {
        Map<Caller, Integer> statuses = new EnumMap<>(Caller.class);
        for (int i = 0; i < allowed.length; i += 2) {
            statuses.put((Caller) allowed[i], (Integer) allowed[i + 1]);
        }
        return new Rule(statuses, path, body);
    }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("GET /console", rule(f -> "/console", f -> null, Caller.COORDINATOR, 200)),
            Map.entry("GET /console/", rule(f -> "/console/", f -> null, Caller.COORDINATOR, 200)),
            Map.entry("GET /undp", rule(f -> "/undp", f -> null, Caller.COORDINATOR, 200, Caller.UNDP_VIEWER, 200)),
            Map.entry("GET /undp/", rule(f -> "/undp/", f -> null, Caller.COORDINATOR, 200, Caller.UNDP_VIEWER, 200)),
            Map.entry(
                    "POST /api/labs",
                    rule(
                            f -> "/api/labs",
                            f -> Map.of(
                                    "slug",
                                    "matrix-" + Long.toString(System.nanoTime() % 1_000_000, 36),
                                    "name",
                                    "Matrix Lab",
                                    "region",
                                    "Naryn",
                                    "languages",
                                    List.of("ky"),
                                    "adminEmail",
                                    "matrix@example.org"),
                            Caller.COORDINATOR,
                            202)),
            Map.entry(
                    "GET /api/provisioning/jobs/{id}",
                    rule(f -> "/api/provisioning/jobs/" + f.jobId(), f -> null, Caller.COORDINATOR, 200)),
            Map.entry(
                    "GET /api/provisioning/jobs/{id}/events",
                    rule(f -> "/api/provisioning/jobs/" + f.jobId() + "/events", f -> null, Caller.COORDINATOR, 200)),
            // The fixture's job succeeded: only a failed job is retried.
            Map.entry(
                    "POST /api/provisioning/jobs/{id}/retry",
                    rule(f -> "/api/provisioning/jobs/" + f.jobId() + "/retry", f -> null, Caller.COORDINATOR, 409)),
            Map.entry(
                    "GET /api/registry/labs",
                    rule(f -> "/api/registry/labs", f -> null, Caller.COORDINATOR, 200, Caller.UNDP_VIEWER, 200)),
            // Lifecycle changes on a lab that does not exist: authorised, then 404; the fixture is never touched.
            Map.entry(
                    "POST /api/labs/{slug}/suspend",
                    rule(f -> "/api/labs/no-such-lab/suspend", f -> null, Caller.COORDINATOR, 404)),
            Map.entry(
                    "POST /api/labs/{slug}/resume",
                    rule(f -> "/api/labs/no-such-lab/resume", f -> null, Caller.COORDINATOR, 404)),
            Map.entry(
                    "POST /api/labs/{slug}/archive",
                    rule(f -> "/api/labs/no-such-lab/archive", f -> null, Caller.COORDINATOR, 404)),
            Map.entry(
                    "DELETE /api/labs/{slug}", rule(f -> "/api/labs/no-such-lab", f -> null, Caller.COORDINATOR, 404)),
            Map.entry(
                    "POST /api/identity/organization-mirror",
                    rule(f -> "/api/identity/organization-mirror", f -> null, Caller.COORDINATOR, 200)),
            Map.entry(
                    "GET /api/fleet/labs",
                    rule(f -> "/api/fleet/labs", f -> null, Caller.COORDINATOR, 200, Caller.UNDP_VIEWER, 200)),
            Map.entry("POST /api/fleet/migrate", rule(f -> "/api/fleet/migrate", f -> null, Caller.COORDINATOR, 200)),
            Map.entry(
                    "PUT /api/templates/{name}",
                    rule(
                            f -> "/api/templates/" + f.template(),
                            f -> Map.of("fromLab", f.slug()),
                            Caller.COORDINATOR,
                            200)),
            Map.entry(
                    "GET /api/templates",
                    rule(f -> "/api/templates", f -> null, Caller.COORDINATOR, 200, Caller.UNDP_VIEWER, 200)),
            Map.entry(
                    "GET /api/templates/{name}",
                    rule(
                            f -> "/api/templates/" + f.template(),
                            f -> null,
                            Caller.COORDINATOR,
                            200,
                            Caller.UNDP_VIEWER,
                            200)),
            Map.entry(
                    "POST /internal/labs/{labId}/membership-changed",
                    rule(
                            f -> "/internal/labs/" + f.labId() + "/membership-changed",
                            f -> null,
                            Caller.MEMBERSHIP_REPORTER,
                            204)),
            Map.entry(
                    "GET /api/indicators",
                    rule(f -> "/api/indicators", f -> null, Caller.COORDINATOR, 200, Caller.UNDP_VIEWER, 200)),
            Map.entry(
                    "GET /api/indicators/labs/{slug}",
                    rule(
                            f -> "/api/indicators/labs/" + f.slug(),
                            f -> null,
                            Caller.COORDINATOR,
                            200,
                            Caller.UNDP_VIEWER,
                            200)),
            Map.entry(
                    "GET /api/indicators/csv",
                    rule(f -> "/api/indicators/csv", f -> null, Caller.COORDINATOR, 200, Caller.UNDP_VIEWER, 200)),
            Map.entry(
                    "PUT /api/indicators/labs/{slug}/targets/{indicator}/{year}",
                    rule(
                            f -> "/api/indicators/labs/" + f.slug() + "/targets/residents.new/2027",
                            f -> Map.of("target", 100),
                            Caller.COORDINATOR,
                            200)),
            Map.entry(
                    "POST /api/indicators/labs/{slug}/rebuild",
                    rule(f -> "/api/indicators/labs/" + f.slug() + "/rebuild", f -> null, Caller.COORDINATOR, 200)),
            Map.entry(
                    "POST /internal/indicators/labs/{labId}",
                    rule(
                            f -> "/internal/indicators/labs/" + f.labId(),
                            f -> Map.of("entries", List.of()),
                            Caller.MEMBERSHIP_REPORTER,
                            200)),
            Map.entry(
                    "GET /internal/registry/labs/{slug}",
                    rule(f -> "/internal/registry/labs/" + f.slug(), f -> null, Caller.LAB_ROUTER, 200)));

    private static Fixture fixture;
    private static Map<Caller, String> tokens;

    @Autowired
    @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @BeforeEach
    void fixture() throws Exception {
        if (fixture != null) {
            return;
        }
        String slug = uniqueSlug("matrix");
        Reply accepted = post("/api/labs", request(slug, slug + "@example.org"), coordinator, Map.of());
        String jobId = labIdJob(accepted);
        UUID labId = UUID.fromString(awaitFinished(jobId).get("labId").asString());
        String template = "matrix-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        assertThat(put("/api/templates/" + template, Map.of("fromLab", slug), coordinator)
                        .status())
                .isEqualTo(200);
        fixture = new Fixture(labId, slug, jobId, template);
        tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.COORDINATOR, coordinator);
        tokens.put(
                Caller.UNDP_VIEWER,
                TestKeycloak.userToken(TestKeycloak.createUser("viewer", CreativeLabsRealm.UNDP_VIEWER)));
        tokens.put(Caller.LAB_MEMBER, TestKeycloak.userToken(labMember(labId)));
        tokens.put(Caller.PERSONAL_ACCOUNT, TestKeycloak.userToken(TestKeycloak.createUser("someone")));
        tokens.put(Caller.PROVISIONER, TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT));
        tokens.put(Caller.MEMBERSHIP_REPORTER, TestKeycloak.clientToken(CreativeLabsRealm.PLATFORM_CORE_CLIENT));
        tokens.put(Caller.LAB_ROUTER, TestKeycloak.clientToken(CreativeLabsRealm.GATEWAY_CLIENT));
    }

    /** A personal account seated as lab-admin in the fixture lab (in platform-core): lab duties give nothing here. */
    private static String labMember(UUID labId) throws Exception {
        String user = TestKeycloak.createUser("lab-admin");
        HttpResponse<String> seated = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + platformCorePort + "/internal/tenants/" + labId + "/members"))
                        .header(
                                "Authorization",
                                "Bearer " + TestKeycloak.clientToken(CreativeLabsRealm.PROVISIONER_CLIENT))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                                Map.of("subject", TestKeycloak.subjectOf(user), "roles", List.of("lab-admin")))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(seated.statusCode()).isEqualTo(201);
        return user;
    }

    @Test
    void everyEndpointHasARuleAndEveryRuleAnEndpoint() {
        assertThat(RULES.keySet())
                .as("rules for tenant-admin's endpoints")
                .containsExactlyInAnyOrderElementsOf(endpoints());
    }

    @TestFactory
    Stream<DynamicTest> eachCallerGetsExactlyTheStatusItsRoleGrants() {
        List<DynamicTest> cells = new ArrayList<>();
        for (String endpoint : endpoints()) {
            Rule rule = RULES.get(endpoint);
            if (rule == null) {
                continue;
            }
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            for (Caller caller : Caller.values()) {
                int expected = rule.allowed().getOrDefault(caller, 403);
                cells.add(DynamicTest.dynamicTest(endpoint + " as " + caller + " -> " + expected, () -> {
                    Reply reply =
                            call(method, rule.path().apply(fixture), rule.body().apply(fixture), tokens.get(caller));
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
                    if (expected >= 400) {
                        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
                    }
                }));
            }
            if (isPage(endpoint)) {
                cells.add(DynamicTest.dynamicTest(endpoint + " without a token -> 303 to sign in", () -> {
                    Reply reply = call(method, rule.path().apply(fixture), null, null);
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(303);
                    assertThat(reply.header()).isEqualTo("/login");
                }));
                continue;
            }
            cells.add(DynamicTest.dynamicTest(endpoint + " without a token -> 401", () -> {
                Reply reply =
                        call(method, rule.path().apply(fixture), rule.body().apply(fixture), null);
                assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
                assertThat(reply.isProblem()).isTrue();
            }));
        }
        System.out.printf(
                "tenant-admin role matrix: %d endpoints x %d callers + no token = %d cells%n",
                RULES.size(), Caller.values().length, cells.size());
        return cells.stream();
    }

    /** The console's and the dashboards' pages: a browser without a session is sent to sign in. */
    private static boolean isPage(String endpoint) {
        return endpoint.startsWith("GET /console") || endpoint.startsWith("GET /undp");
    }

    private Reply call(String method, String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(java.time.Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request, token, Map.of());
    }

    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(p -> p.startsWith("/api/")
                                || p.startsWith("/internal/")
                                || p.startsWith("/console")
                                || p.startsWith("/undp"))
                        .forEach(p -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(m -> endpoints.add(m.name() + " " + p))));
        return endpoints;
    }
}
