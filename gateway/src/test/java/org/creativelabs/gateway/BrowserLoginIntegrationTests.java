package org.creativelabs.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.gateway.support.Browser;
import org.creativelabs.gateway.support.PlatformStack;
import org.creativelabs.gateway.support.PlatformStack.OpenedLab;
import org.creativelabs.gateway.support.PlatformStack.Person;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * People sign in through the gateway as in a browser (cookies, redirects, PKCE, CSRF) against the real Keycloak and
 * services: they land in their lab and its API answers for them through the session; two gateways sharing Redis share
 * the session; signing out ends the Keycloak session too, and the session cookie is worthless afterwards; the relayed
 * token is refreshed before it expires and a session whose Keycloak session ended is a 401.
 */
class BrowserLoginIntegrationTests {

    private static final String REDIS = "redis://127.0.0.1:6379";

    private static PlatformStack stack;
    private static OpenedLab osh;
    private static OpenedLab batken;
    /** Two gateways sharing browser sessions in Redis. */
    private static String gatewayA;

    private static String gatewayB;
    /** A gateway with sessions in memory whose lab route leads to a recorder instead of platform-core. */
    private static String relayGateway;

    private static HttpServer recorder;
    private static final List<Map<String, String>> recorded = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void platformAndGateways() throws Exception {
        stack = PlatformStack.shared();
        osh = stack.open("bl-osh");
        batken = stack.open("bl-batken");
        recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        recorder.createContext("/", exchange -> {
            recorded.add(Map.of(
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "cookie", String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        recorder.start();
        gatewayA = "http://localhost:"
                + stack.gatewayOn(stack.loginPorts.get(0), "--platform.gateway.session.redis-url=" + REDIS);
        gatewayB = "http://localhost:"
                + stack.gatewayOn(stack.loginPorts.get(1), "--platform.gateway.session.redis-url=" + REDIS);
        relayGateway = "http://localhost:"
                + stack.gatewayOn(
                        stack.loginPorts.get(2),
                        "--platform.platform-core-url=http://127.0.0.1:"
                                + recorder.getAddress().getPort(),
                        // every relayed token is due for a refresh (Keycloak's live 5 minutes)
                        "--platform.gateway.session.refresh-before=1h");
    }

    @AfterAll
    static void stopRecorder() {
        if (recorder != null) {
            recorder.stop(0);
        }
    }

    @Test
    void aPersonSignsInWithPkceLandsInTheirLabAndItsApiAnswersThroughTheSession() throws Exception {
        Person admin = stack.person(osh, "lab-admin");
        awaitOrganizations(admin.username(), osh.slug());
        Browser browser = new Browser();
        assertThat(browser.get(gatewayA + "/labs/" + osh.slug() + "/memberships/me")
                        .statusCode())
                .as("before signing in")
                .isEqualTo(401);

        HttpResponse<String> start = browser.get(gatewayA + "/login");
        assertThat(start.statusCode()).isEqualTo(303);
        HttpResponse<String> toKeycloak = browser.get(Browser.location(start).toString());
        URI authorization = Browser.location(toKeycloak);
        Map<String, String> asked = query(authorization);
        assertThat(authorization.toString()).startsWith(TestKeycloak.issuer() + "/protocol/openid-connect/auth");
        assertThat(asked)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", CreativeLabsRealm.GATEWAY_CLIENT)
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("code_challenge", "state", "nonce");
        assertThat(asked.get("scope").split(" ")).contains("openid", "organization:*");
        String sessionBefore = browser.cookie("localhost", "SESSION");
        assertThat(sessionBefore)
                .as("the authorization request is kept in a session")
                .isNotNull();

        HttpResponse<String> back = browser.signInAtKeycloak(toKeycloak, admin.username(), TestKeycloak.TEST_PASSWORD);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(Browser.location(back).toString()).startsWith(gatewayA + "/login/oauth2/code/keycloak?");
        HttpResponse<String> landed = browser.get(Browser.location(back).toString());
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(Browser.location(landed).getPath())
                .as("a person of one lab lands in it")
                .isEqualTo("/labs/" + osh.slug() + "/");
        assertThat(browser.cookie("localhost", "SESSION"))
                .as("a new session id at sign-in (no fixation)")
                .isNotNull()
                .isNotEqualTo(sessionBefore);

        HttpResponse<String> me = browser.get(gatewayA + "/labs/" + osh.slug() + "/memberships/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("lab-admin");
        assertThat(browser.get(gatewayA + "/labs/" + batken.slug() + "/spaces").statusCode())
                .as("another lab, through the same session")
                .isEqualTo(403);

        String space = "{\"name\":\"Session studio\",\"kind\":\"STUDIO\",\"capacity\":3}";
        HttpResponse<String> withoutToken = browser.send("POST", gatewayA + "/labs/" + osh.slug() + "/spaces", space);
        assertThat(withoutToken.statusCode())
                .as("a change without the CSRF token")
                .isEqualTo(403);
        assertThat(withoutToken.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(withoutToken.body()).contains("urn:problem:csrf-refused");
        String csrf = browser.cookie("localhost", "XSRF-TOKEN");
        assertThat(csrf).as("the CSRF token a page sends back").isNotNull();
        HttpResponse<String> wrongToken =
                browser.send("POST", gatewayA + "/labs/" + osh.slug() + "/spaces", space, "X-XSRF-TOKEN", csrf + "x");
        assertThat(wrongToken.statusCode()).as("a wrong CSRF token").isEqualTo(403);
        HttpResponse<String> created =
                browser.send("POST", gatewayA + "/labs/" + osh.slug() + "/spaces", space, "X-XSRF-TOKEN", csrf);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(browser.get(gatewayA + "/labs/" + osh.slug() + "/spaces").body())
                .contains("Session studio");
        assertThat(PlatformStack.send(
                                "POST",
                                gatewayA + "/labs/" + osh.slug() + "/spaces",
                                admin.token(),
                                Map.of("name", "Bearer studio", "kind", "STUDIO", "capacity", 2))
                        .statusCode())
                .as("an API client with its own bearer token needs no CSRF token")
                .isEqualTo(201);
    }

    @Test
    void aPersonOfSeveralLabsChoosesOne() throws Exception {
        Person mentor = stack.person(osh, "mentor");
        stack.seat(batken, mentor.username(), "mentor");
        awaitOrganizations(mentor.username(), osh.slug(), batken.slug());
        Browser browser = new Browser();

        HttpResponse<String> landed = signIn(browser, gatewayA, mentor);
        assertThat(Browser.location(landed).getPath()).isEqualTo("/labs");
        HttpResponse<String> chooser = browser.get(gatewayA + "/labs", "Accept-Language", "ky");
        assertThat(chooser.statusCode()).isEqualTo(200);
        assertThat(chooser.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(chooser.body())
                .contains("href=\"/labs/" + osh.slug() + "/\"", "href=\"/labs/" + batken.slug() + "/\"")
                .contains("lang=\"ky\"", "Чыгуу")
                .doesNotContain("<script");
        assertThat(browser.get(gatewayA + "/labs/" + batken.slug() + "/memberships/me")
                        .statusCode())
                .isEqualTo(200);
        assertThat(new Browser().get(gatewayA + "/labs").body())
                .as("a visitor is offered to sign in")
                .contains("href=\"/login\"");
    }

    @Test
    void twoGatewaysShareTheSessionAndSigningOutEndsItEverywhereWithTheKeycloakSession() throws Exception {
        Person resident = stack.person(osh, "resident");
        awaitOrganizations(resident.username(), osh.slug());
        Browser browser = new Browser();
        signIn(browser, gatewayA, resident);
        String session = browser.cookie("localhost", "SESSION");
        String me = "/labs/" + osh.slug() + "/memberships/me";
        assertThat(browser.get(gatewayA + me).statusCode()).isEqualTo(200);
        assertThat(browser.get(gatewayB + me).statusCode())
                .as("the other gateway, same session from Redis")
                .isEqualTo(200);
        assertThat(keycloakSessions(resident)).as("signed in at Keycloak").isEqualTo(1);

        HttpResponse<String> withoutToken = browser.post(gatewayB + "/logout", Map.of());
        assertThat(withoutToken.statusCode())
                .as("sign-out needs the CSRF token")
                .isEqualTo(403);
        assertThat(browser.get(gatewayA + me).statusCode()).isEqualTo(200);
        HttpResponse<String> out =
                browser.post(gatewayB + "/logout", Map.of("_csrf", browser.cookie("localhost", "XSRF-TOKEN")));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(Browser.location(out).getPath()).isEqualTo("/labs");
        assertThat(keycloakSessions(resident))
                .as("the Keycloak session ended with it")
                .isZero();

        Browser thief = new Browser();
        thief.setCookie("localhost", "SESSION", session);
        for (String gateway : List.of(gatewayA, gatewayB)) {
            HttpResponse<String> stolen = thief.get(gateway + me);
            assertThat(stolen.statusCode())
                    .as("the old session cookie at " + gateway)
                    .isEqualTo(401);
            assertThat(stolen.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(thief.get(gatewayA + "/labs").body()).contains("href=\"/login\"");
    }

    @Test
    void theRelayedTokenIsRefreshedBeforeItExpiresAndTheSessionCookieNeverLeavesTheGateway() throws Exception {
        Person resident = stack.person(osh, "resident");
        awaitOrganizations(resident.username(), osh.slug());
        Browser browser = new Browser();
        signIn(browser, relayGateway, resident);
        recorded.clear();
        assertThat(browser.get(relayGateway + "/labs/" + osh.slug() + "/spaces").statusCode())
                .isEqualTo(200);
        assertThat(browser.get(relayGateway + "/labs/" + osh.slug() + "/spaces").statusCode())
                .isEqualTo(200);
        assertThat(recorded).hasSize(2);
        String first = recorded.get(0).get("authorization");
        String second = recorded.get(1).get("authorization");
        assertThat(first).startsWith("Bearer ");
        assertThat(claims(first.substring(7)).get("sub").asString())
                .isEqualTo(TestKeycloak.subjectOf(resident.username()));
        assertThat(claims(second.substring(7)).get("sub").asString())
                .isEqualTo(TestKeycloak.subjectOf(resident.username()));
        assertThat(second).as("refreshed: a new access token").isNotEqualTo(first);
        assertThat(recorded)
                .allSatisfy(request -> assertThat(request.get("cookie")).doesNotContain("SESSION="));

        recorded.clear();
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("name", "Айгүл Токтогулова");
        form.put("note", "felt & shyrdak ".repeat(2500));
        assertThat(browser.post(relayGateway + "/labs/" + osh.slug() + "/event-registrations", form)
                        .statusCode())
                .as("a form without the CSRF field")
                .isEqualTo(403);
        form.put("_csrf", browser.cookie("localhost", "XSRF-TOKEN"));
        assertThat(browser.post(relayGateway + "/labs/" + osh.slug() + "/event-registrations", form)
                        .statusCode())
                .isEqualTo(200);
        assertThat(recorded).hasSize(1);
        assertThat(URLDecoder.decode(recorded.get(0).get("body"), StandardCharsets.UTF_8))
                .as("the form (37 KB) reaches the service whole after its CSRF field was checked")
                .contains("name=Айгүл Токтогулова", "note=" + "felt & shyrdak ".repeat(2500));

        TestKeycloak.admin()
                .realm(CreativeLabsRealm.NAME)
                .users()
                .get(TestKeycloak.subjectOf(resident.username()))
                .logout();
        HttpResponse<String> ended = browser.get(relayGateway + "/labs/" + osh.slug() + "/spaces");
        assertThat(ended.statusCode())
                .as("Keycloak ended the session: the token cannot be refreshed")
                .isEqualTo(401);
        assertThat(ended.body()).contains("urn:problem:session-expired");
        assertThat(browser.get(relayGateway + "/labs").body())
                .as("and the gateway's session is gone too")
                .contains("href=\"/login\"");
    }

    @Test
    void aSignInThatDidNotStartHereIsAProblem() throws Exception {
        HttpResponse<String> forged =
                new Browser().get(gatewayA + "/login/oauth2/code/keycloak?code=forged&state=forged");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(forged.body()).contains("urn:problem:login-failed");
    }

    /** Signs in from the gateway's /login; returns the gateway's answer to Keycloak's redirect back (the landing). */
    private static HttpResponse<String> signIn(Browser browser, String gateway, Person person) throws Exception {
        HttpResponse<String> toKeycloak =
                browser.get(Browser.location(browser.get(gateway + "/login")).toString());
        HttpResponse<String> back = browser.signInAtKeycloak(toKeycloak, person.username(), TestKeycloak.TEST_PASSWORD);
        HttpResponse<String> landed = browser.get(Browser.location(back).toString());
        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(302);
        return landed;
    }

    /** Waits until Keycloak's organizations (mirrored from the labs' memberships) list the person in these labs. */
    private static void awaitOrganizations(String username, String... slugs) {
        await("organizations " + Arrays.toString(slugs) + " for " + username)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode organization = claims(TestKeycloak.userToken(username, "openid organization:*"))
                            .get("organization");
                    String listed = organization == null ? "" : organization.toString();
                    return Arrays.stream(slugs).allMatch(slug -> listed.contains("\"" + slug + "\""));
                });
    }

    private static int keycloakSessions(Person person) {
        return TestKeycloak.admin()
                .realm(CreativeLabsRealm.NAME)
                .users()
                .get(TestKeycloak.subjectOf(person.username()))
                .getUserSessions()
                .size();
    }

    private static JsonNode claims(String jwt) {
        return PlatformStack.json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> pair[0],
                        pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8),
                        (a, b) -> a));
    }
}
