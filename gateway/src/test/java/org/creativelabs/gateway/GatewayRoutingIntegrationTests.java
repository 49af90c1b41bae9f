package org.creativelabs.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of a stand-in for platform-core and tenant-admin's registry (a real HTTP server on loopback that
 * records what reaches it), with the test run's real Keycloak for its own token and for checking callers' tokens: lab
 * paths and hosts are rewritten, unknown or resting labs refused, tenant-like headers dropped, internal paths and path
 * tricks never get through, errors are problems in the caller's language.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(
        timeout = "30s") // a shared 2-core CI machine once took over 5 s (the default) for a cold 404
class GatewayRoutingIntegrationTests {

    static final List<String> received = new CopyOnWriteArrayList<>();
    static final HttpServer upstream = startUpstream();

    @Autowired
    WebTestClient client;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreamAddress(DynamicPropertyRegistry registry) {
        String upstreamUrl = "http://127.0.0.1:" + upstream.getAddress().getPort();
        registry.add("platform.platform-core-url", () -> upstreamUrl);
        registry.add("platform.tenant-admin-url", () -> upstreamUrl);
        GatewayTestSettings.keycloak(registry);
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop(0);
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    /** What reached platform-core (the registry lookups left out). */
    static List<String> forwarded() {
        return received.stream().filter(r -> !r.startsWith("REGISTRY")).toList();
    }

    @Test
    void rewritesALabPathOntoPlatformCoresLabApiAndDropsTenantHeaders() {
        client.get()
                .uri("/labs/osh/spaces?kind=ROOM")
                .header("X-Lab-Id", "batken")
                .header("X-Tenant", "batken")
                .header("Lab", "batken")
                .header("X-Forwarded-Tenant", "batken")
                .header("X-Clp-Lab-Slug", "batken")
                .header("Tenant-Id", "batken")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff");
        assertThat(forwarded()).containsExactly("GET /api/labs/osh/spaces?kind=ROOM headers-claiming-a-lab=0");
    }

    @Test
    void aLabsOwnHostReachesOnlyThatLab() {
        client.get()
                .uri("/spaces")
                .header("Host", "osh.labs.localhost")
                .exchange()
                .expectStatus()
                .isOk();
        client.get()
                .uri("/labs/batken/spaces")
                .header("Host", "osh.labs.localhost")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(forwarded())
                .containsExactly(
                        "GET /api/labs/osh/spaces headers-claiming-a-lab=0",
                        "GET /api/labs/osh/labs/batken/spaces headers-claiming-a-lab=0");
    }

    @Test
    void anUnknownLabIs404AndALabThatDoesNotServeIs423InTheCallersLanguage() {
        client.get()
                .uri("/labs/atlantis/spaces")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:problem:lab-not-found");
        client.get()
                .uri("/labs/resting/spaces")
                .header("Accept-Language", "ky")
                .exchange()
                .expectStatus()
                .isEqualTo(423)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("resting лабораториясы азыр жабык.");
        client.get()
                .uri("/labs/Osh/spaces")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:problem:invalid-lab");
        assertThat(received).as("nothing reached platform-core").allMatch(r -> r.startsWith("REGISTRY"));
    }

    @Test
    void aForgedTokenIsRefusedAtTheDoorAndABodyOverTheLimitIs413() {
        client.get()
                .uri("/labs/osh/spaces")
                .header("Authorization", "Bearer not.a.token")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.post()
                .uri("/labs/osh/spaces")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("x".repeat(1024 * 1024 + 1))
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:problem:body-too-large");
        assertThat(received).as("nothing reached platform-core").allMatch(r -> r.startsWith("REGISTRY"));
    }

    @Test
    void neverRoutesTheInternalApi() {
        client.get()
                .uri("/internal/tenants")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(forwarded()).isEmpty();
    }

    @Test
    void refusesPathTricksThatABackendCouldNormaliseIntoAnotherRoute() {
        for (String path : new String[] {
            "/labs/osh/%2e%2e/%2e%2e/%2e%2e/internal/tenants",
            "/labs/osh/..%2F..%2Finternal/tenants",
            "/labs/osh;x=1/spaces",
            "/labs/osh/%252e%252e/spaces"
        }) {
            client.get()
                    .uri(java.net.URI.create("http://127.0.0.1:" + port + path))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(forwarded()).isEmpty();
    }

    @Test
    void aBackendThatIsDownIsA503Problem() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var gatewayToNowhere = new org.springframework.boot.builder.SpringApplicationBuilder(GatewayApplication.class)
                .run(GatewayTestSettings.arguments(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--platform.platform-core-url=http://127.0.0.1:" + closedPort,
                        "--platform.tenant-admin-url=http://127.0.0.1:"
                                + upstream.getAddress().getPort()));
        try {
            int port = gatewayToNowhere.getEnvironment().getProperty("local.server.port", Integer.class);
            WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + port)
                    .build()
                    .get()
                    .uri("/labs/osh/spaces")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("The service platform-core is not reachable right now; try again shortly.");
        } finally {
            gatewayToNowhere.close();
        }
    }

    @Test
    void answersOnlyItsHealthProbesToThePublic() {
        client.get()
                .uri("/readyz")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        client.get().uri("/livez").exchange().expectStatus().isOk();
        for (String hidden :
                new String[] {"/actuator/metrics", "/actuator/prometheus", "/actuator/health", "/v3/api-docs"}) {
            client.get()
                    .uri(hidden)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith("application/problem+json");
        }
    }

    @Test
    void manyRequestsInFlightAtOnceAllGetThrough() throws Exception {
        // A lab's busy hour: 60 requests at once, each held 300 ms by the service. Resilience4j's default bulkhead
        // (25 concurrent calls per service) once refused the rest with 500s; the rate limits are the gateway's bound.
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/labs/osh/slow"))
                .build();
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> inFlight =
                java.util.stream.IntStream.range(0, 60)
                        .mapToObj(i -> http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString()))
                        .toList();
        assertThat(inFlight.stream().map(f -> f.join().statusCode())).containsOnly(200);
        assertThat(forwarded()).hasSize(60);
    }

    private static HttpServer startUpstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/registry/labs/", exchange -> {
                String slug = exchange.getRequestURI().getPath().substring("/internal/registry/labs/".length());
                boolean token = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))
                        .startsWith("Bearer ");
                received.add("REGISTRY " + slug);
                int status = !token
                        ? 401
                        : slug.equals("resting") || slug.equals("osh") || slug.equals("batken") ? 200 : 404;
                byte[] body = ("{\"slug\":\"" + slug + "\",\"serving\":" + !slug.equals("resting") + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
                if (status == 200) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(100));
            server.createContext("/api/labs/osh/slow", exchange -> {
                received.add("SLOW");
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.createContext("/", exchange -> {
                long claims = exchange.getRequestHeaders().keySet().stream()
                        .filter(h -> h.toLowerCase().contains("lab")
                                || h.toLowerCase().contains("tenant"))
                        .count();
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " headers-claiming-a-lab="
                        + claims);
                byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
