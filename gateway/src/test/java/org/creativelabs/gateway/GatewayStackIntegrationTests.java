package org.creativelabs.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.creativelabs.gateway.support.PlatformStack;
import org.creativelabs.gateway.support.PlatformStack.OpenedLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway in front of the real platform (PostgreSQL, Keycloak, platform-core and tenant-admin): no trick reaches
 * another lab, a lab that stops serving is refused within seconds, a flood of one lab never slows another, limits hold
 * across gateways that share Redis, and a service that is down is a 503 problem until it is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayStackIntegrationTests {

    private static PlatformStack stack;
    private static OpenedLab osh;
    private static OpenedLab batken;
    private static String oshResident;
    private static String batkenResident;
    private static String oshAdmin;
    private static int gateway;

    @BeforeAll
    static void openTwoLabs() throws Exception {
        stack = PlatformStack.shared();
        osh = stack.open("gw-osh");
        batken = stack.open("gw-batken");
        oshAdmin = stack.member(osh, "lab-admin");
        String batkenAdmin = stack.member(batken, "lab-admin");
        assertThat(space(osh, oshAdmin, "Osh felt studio")).isEqualTo(201);
        assertThat(space(batken, batkenAdmin, "Batken secret loom")).isEqualTo(201);
        oshResident = stack.member(osh, "resident");
        batkenResident = stack.member(batken, "resident");
        gateway = stack.gateway(
                "--platform.gateway.rate-limit.lab.capacity=100000",
                "--platform.gateway.rate-limit.lab.per-second=100000",
                "--platform.gateway.rate-limit.person.capacity=100000",
                "--platform.gateway.rate-limit.person.per-second=100000",
                "--resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=2s");
    }

    record Attempt(String what, String path, Map<String, String> headers, int status) {}

    @Test
    @Order(1)
    void aPersonOfOneLabCannotReachAnotherByAnyHeaderPathHostOrEncodingTrick() throws Exception {
        String o = osh.slug();
        String b = batken.slug();
        List<Attempt> attempts = List.of(
                new Attempt("the other lab's path", "/labs/" + b + "/spaces", Map.of(), 403),
                new Attempt("the other lab's directory", "/labs/" + b + "/profiles", Map.of(), 403),
                new Attempt("the other lab's plans", "/labs/" + b + "/plans", Map.of(), 403),
                new Attempt("the other lab's members", "/labs/" + b + "/memberships", Map.of(), 403),
                new Attempt("the other lab's bookings", "/labs/" + b + "/bookings/mine", Map.of(), 403),
                new Attempt("own lab, X-Lab", "/labs/" + o + "/spaces", Map.of("X-Lab", b), 200),
                new Attempt(
                        "own lab, X-Lab-Id",
                        "/labs/" + o + "/spaces",
                        Map.of("X-Lab-Id", batken.id().toString()),
                        200),
                new Attempt("own lab, X-Tenant", "/labs/" + o + "/spaces", Map.of("X-Tenant", b), 200),
                new Attempt("own lab, X-Tenant-Id", "/labs/" + o + "/spaces", Map.of("X-Tenant-Id", b), 200),
                new Attempt("own lab, Tenant", "/labs/" + o + "/spaces", Map.of("Tenant", b), 200),
                new Attempt("own lab, Lab", "/labs/" + o + "/spaces", Map.of("Lab", b), 200),
                new Attempt(
                        "own lab, X-Forwarded-Tenant", "/labs/" + o + "/spaces", Map.of("X-Forwarded-Tenant", b), 200),
                new Attempt("own lab, X-Clp-Lab-Slug", "/labs/" + o + "/spaces", Map.of("X-Clp-Lab-Slug", b), 200),
                new Attempt(
                        "own lab, X-Forwarded-Host of the other",
                        "/labs/" + o + "/spaces",
                        Map.of("X-Forwarded-Host", b + ".labs.localhost"),
                        200),
                new Attempt("the other lab's host", "/spaces", Map.of("Host", b + ".labs.localhost"), 403),
                new Attempt(
                        "the other lab's host, upper case",
                        "/spaces",
                        Map.of("Host", b.toUpperCase() + ".labs.localhost"),
                        403),
                new Attempt(
                        "the other lab's host with a port", "/spaces", Map.of("Host", b + ".labs.localhost:8080"), 403),
                new Attempt(
                        "own host, the other lab's path",
                        "/labs/" + b + "/spaces",
                        Map.of("Host", o + ".labs.localhost"),
                        404),
                new Attempt(
                        "a host that only starts like a lab's",
                        "/spaces",
                        Map.of("Host", b + ".labs.localhost.evil.example"),
                        404),
                new Attempt("the slug in upper case", "/labs/" + b.toUpperCase() + "/spaces", Map.of(), 400),
                new Attempt(
                        "a percent-encoded letter", "/labs/" + b.replaceFirst("b", "%62") + "/spaces", Map.of(), 400),
                new Attempt("encoded dots", "/labs/" + o + "/%2e%2e/" + b + "/spaces", Map.of(), 400),
                new Attempt("raw dots", "/labs/" + o + "/../" + b + "/spaces", Map.of(), 400),
                new Attempt("an encoded slash in the slug", "/labs/" + o + "%2F" + b + "/spaces", Map.of(), 400),
                new Attempt("an encoded slash after dots", "/labs/" + o + "/..%2F" + b + "/spaces", Map.of(), 400),
                new Attempt("double-encoded dots", "/labs/" + o + "/%252e%252e/" + b + "/spaces", Map.of(), 400),
                new Attempt("a matrix parameter on the slug", "/labs/" + o + ";lab=" + b + "/spaces", Map.of(), 400),
                new Attempt("a matrix parameter on the path", "/labs/" + o + "/spaces;lab=" + b, Map.of(), 400),
                new Attempt("an empty segment", "/labs//" + b + "/spaces", Map.of(), 400),
                new Attempt("a NUL after the slug", "/labs/" + b + "%00/spaces", Map.of(), 400),
                new Attempt(
                        "a look-alike Cyrillic letter",
                        "/labs/" + b.replaceFirst("a", "%D0%B0") + "/spaces",
                        Map.of(),
                        400),
                new Attempt("a query naming the other lab", "/labs/" + o + "/spaces?lab=" + b, Map.of(), 200),
                new Attempt("the internal API", "/internal/tenants/" + batken.id() + "/members", Map.of(), 404),
                new Attempt(
                        "platform-core's own path (routed to tenant-admin, which has none)",
                        "/api/labs/" + b + "/spaces",
                        Map.of(),
                        404));
        List<String> wrong = new ArrayList<>();
        for (Attempt attempt : attempts) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway + attempt.path()))
                    .timeout(PlatformStack.REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + oshResident);
            attempt.headers().forEach(request::setHeader);
            HttpResponse<String> response =
                    PlatformStack.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != attempt.status() || response.body().contains("Batken secret loom")) {
                wrong.add(attempt.what() + " " + attempt.path() + " " + attempt.headers() + " → "
                        + response.statusCode() + " " + response.body());
            }
        }
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(30);
        assertThat(wrong)
                .as("attempts that got another status than expected, or the other lab's data")
                .isEmpty();
        assertThat(get("/labs/" + b + "/spaces", batkenResident).body())
                .as("the marker shows when it is really there")
                .contains("Batken secret loom");
    }

    @Test
    @Order(2)
    void aLabThatStopsServingIsRefusedWithin5SecondsWhileOthersKeepAnswering() throws Exception {
        OpenedLab naryn = stack.open("gw-naryn");
        String resident = stack.member(naryn, "resident");
        assertThat(get("/labs/" + naryn.slug() + "/spaces", resident).statusCode())
                .isEqualTo(200);
        assertThat(PlatformStack.send(
                                "POST",
                                "http://127.0.0.1:" + stack.adminPort + "/api/labs/" + naryn.slug() + "/suspend",
                                stack.coordinator,
                                null)
                        .statusCode())
                .isEqualTo(200);
        await("the suspended lab to be refused")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> get("/labs/" + naryn.slug() + "/spaces", resident).statusCode() == 423);
        HttpResponse<String> refused = get("/labs/" + naryn.slug() + "/spaces", resident);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(get("/labs/" + osh.slug() + "/spaces", oshResident).statusCode())
                .as("another lab")
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void floodingOneLabGivesIt429sWhileAnotherLabsRequestsAllSucceed() throws Exception {
        int limited = stack.gateway(
                "--platform.gateway.rate-limit.lab.capacity=30",
                "--platform.gateway.rate-limit.lab.per-second=1",
                "--platform.gateway.rate-limit.person.capacity=100000",
                "--platform.gateway.rate-limit.person.per-second=100000");
        List<Integer> flood = concurrently(80, i -> get(limited, "/labs/" + osh.slug() + "/spaces", oshResident));
        List<Integer> other = concurrently(20, i -> get(limited, "/labs/" + batken.slug() + "/spaces", batkenResident));
        assertThat(flood.stream().filter(s -> s == 429).count())
                .as("the flooded lab: " + flood)
                .isGreaterThanOrEqualTo(40);
        assertThat(flood).containsOnly(200, 429);
        assertThat(other).as("the other lab").containsOnly(200);
        // a token may have refilled meanwhile (1 a second): the next few requests still meet the empty bucket
        HttpResponse<String> tooMany = null;
        for (int i = 0; i < 10 && (tooMany == null || tooMany.statusCode() != 429); i++) {
            tooMany = get(limited, "/labs/" + osh.slug() + "/spaces", oshResident);
        }
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(tooMany.headers().firstValue("Retry-After")).isPresent();
        assertThat(tooMany.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    @Order(4)
    void oneNoisyPersonIsLimitedWithoutStarvingTheOthersOfTheirLab() throws Exception {
        int limited = stack.gateway(
                "--platform.gateway.rate-limit.person.capacity=10",
                "--platform.gateway.rate-limit.person.per-second=1");
        List<Integer> noisy = concurrently(40, i -> get(limited, "/labs/" + osh.slug() + "/spaces", oshResident));
        String neighbour = stack.member(osh, "resident");
        List<Integer> quiet = concurrently(5, i -> get(limited, "/labs/" + osh.slug() + "/spaces", neighbour));
        assertThat(noisy.stream().filter(s -> s == 429).count())
                .as("the noisy person: " + noisy)
                .isGreaterThanOrEqualTo(25);
        assertThat(quiet).as("someone else in the same lab").containsOnly(200);
    }

    @Test
    @Order(5)
    void twoGatewaysSharingRedisHoldOneLimitBetweenThem() throws Exception {
        boolean redis = reachable("127.0.0.1", 6379);
        if (System.getenv("CLP_REQUIRE_REDIS") != null) {
            assertThat(redis).as("Redis on 127.0.0.1:6379 is required in CI").isTrue();
        }
        assumeTrue(redis, "no Redis on 127.0.0.1:6379");
        String[] shared = {
            "--platform.gateway.rate-limit.redis-url=redis://127.0.0.1:6379",
            "--platform.gateway.rate-limit.lab.capacity=30",
            "--platform.gateway.rate-limit.lab.per-second=1",
            "--platform.gateway.rate-limit.person.capacity=100000",
            "--platform.gateway.rate-limit.person.per-second=100000"
        };
        int first = stack.gateway(shared);
        int second = stack.gateway(shared);
        OpenedLab kochkor = stack.open("gw-kochkor");
        String resident = stack.member(kochkor, "resident");
        List<Integer> statuses = concurrently(
                80, i -> get(i % 2 == 0 ? first : second, "/labs/" + kochkor.slug() + "/spaces", resident));
        long passed = statuses.stream().filter(s -> s == 200).count();
        assertThat(passed)
                .as("one bucket of 30 for both gateways (two buckets would pass up to 60): " + statuses)
                .isBetween(25L, 40L);
    }

    @Test
    @Order(6)
    void aServiceThatIsDownIsA503ProblemNamingItUntilItIsBack() throws Exception {
        stack.stopPlatformCore();
        try {
            HttpResponse<String> down = get("/labs/" + osh.slug() + "/spaces", oshResident);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(down.body()).contains("platform-core");
        } finally {
            stack.startPlatformCoreAgain();
        }
        await("the gateway to route to platform-core again")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get("/labs/" + osh.slug() + "/spaces", oshResident).statusCode() == 200);
    }

    @Test
    @Order(7)
    void aVisitorWithoutAnAccountFindsAnEventAndRegistersThroughTheGateway() throws Exception {
        HttpResponse<String> created = PlatformStack.send(
                "POST",
                "http://127.0.0.1:" + stack.corePort + "/api/labs/" + osh.slug() + "/events",
                oshAdmin,
                Map.of(
                        "title",
                        "Felt crafts open day",
                        "startsAt",
                        java.time.Instant.now().plus(Duration.ofDays(3)).toString(),
                        "endsAt",
                        java.time.Instant.now()
                                .plus(Duration.ofDays(3))
                                .plus(Duration.ofHours(3))
                                .toString(),
                        "capacity",
                        30));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String event = PlatformStack.json.readTree(created.body()).get("id").asString();
        String base = "http://127.0.0.1:" + gateway + "/labs/" + osh.slug();

        HttpResponse<String> listed = PlatformStack.send("GET", base + "/public/events", null, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("Felt crafts open day");
        HttpResponse<String> registered = PlatformStack.send(
                "POST",
                base + "/public/events/" + event + "/registrations",
                null,
                Map.of("name", "Visitor", "contact", "visitor@example.org"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.body()).contains("\"status\":\"CONFIRMED\"", "checkInCode");
        // The event is Osh's: Batken's path does not know it, whatever the visitor sends.
        HttpResponse<String> elsewhere = PlatformStack.send(
                "POST",
                "http://127.0.0.1:" + gateway + "/labs/" + batken.slug() + "/public/events/" + event + "/registrations",
                null,
                Map.of("name", "Visitor", "contact", "visitor2@example.org"));
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(PlatformStack.send("GET", base + "/events/" + event + "/registrations", null, null)
                        .statusCode())
                .as("the line is staff's")
                .isEqualTo(401);
    }

    private interface Call {
        HttpResponse<String> send(int i) throws Exception;
    }

    private static List<Integer> concurrently(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> call.send(n).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return get(gateway, path, token);
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        return PlatformStack.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(PlatformStack.REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int space(OpenedLab lab, String token, String name) throws Exception {
        return PlatformStack.send(
                        "POST",
                        "http://127.0.0.1:" + stack.corePort + "/api/labs/" + lab.slug() + "/spaces",
                        token,
                        Map.of("name", name, "kind", "STUDIO", "capacity", 4))
                .statusCode();
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
