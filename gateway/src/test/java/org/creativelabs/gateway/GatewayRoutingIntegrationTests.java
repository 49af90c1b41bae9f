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
 * The gateway in front of a stand-in platform-core (a real HTTP server on loopback that records what
 * reaches it): lab paths are rewritten, internal paths and path tricks never get through, errors are problems.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayRoutingIntegrationTests {

    static final List<String> received = new CopyOnWriteArrayList<>();
    static final HttpServer upstream = startUpstream();

    @Autowired
    WebTestClient client;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreamAddress(DynamicPropertyRegistry registry) {
        registry.add(
                "platform.platform-core-url",
                () -> "http://127.0.0.1:" + upstream.getAddress().getPort());
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop(0);
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    @Test
    void rewritesALabPathOntoPlatformCoresLabApiAndDropsTenantHeaders() {
        client.get()
                .uri("/labs/osh/spaces?kind=ROOM")
                .header("X-Lab-Id", "batken")
                .header("X-Tenant", "batken")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff");
        assertThat(received).containsExactly("GET /api/labs/osh/spaces?kind=ROOM headers-claiming-a-lab=0");
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
        assertThat(received).isEmpty();
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
        assertThat(received).isEmpty();
    }

    @Test
    void aBackendThatIsDownIsA503Problem() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var gatewayToNowhere = new org.springframework.boot.builder.SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--platform.platform-core-url=http://127.0.0.1:" + closedPort);
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
                    .isEqualTo("The service behind this address is not reachable right now.");
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

    private static HttpServer startUpstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                long claims = exchange.getRequestHeaders().keySet().stream()
                        .filter(h -> h.toLowerCase().startsWith("x-lab")
                                || h.toLowerCase().startsWith("x-tenant"))
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
