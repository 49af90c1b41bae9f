package org.creativelabs.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies are limited before they are buffered: 64 KB by default, 512 KB for a logo; over it, 413 problem+json. */
class RequestBodyLimitsIntegrationTests extends LabApiTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    Lab lab;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("limits");
    }

    @Test
    void aJsonBodyOverTheDefaultLimitIs413AndNothingIsWritten() {
        String huge = "{\"name\":\"" + "x".repeat(70 * 1024) + "\",\"kind\":\"ROOM\",\"capacity\":3}";
        Map<String, String> before = LabDatabase.fingerprint(lab);
        Api.Reply declared = api.post("/api/labs/" + lab.slug() + "/spaces", huge);
        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        assertThat(declared.isProblem()).isTrue();
        assertThat(declared.json().get("type").asString()).isEqualTo("urn:problem:body-too-large");

        HttpResponse<String> chunked = chunked(
                "POST",
                "/api/labs/" + lab.slug() + "/spaces",
                huge.getBytes(),
                "application/json",
                TestAccounts.tokenOf(TestAccounts.labAdmin()));
        assertThat(chunked.statusCode())
                .as("without a Content-Length: " + chunked.body())
                .isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(LabDatabase.fingerprint(lab)).as("nothing written").isEqualTo(before);
    }

    @Test
    void aLogoUpTo512KbIsTakenAndALargerOneIs413EvenWhenSentInChunks() {
        String logo = "/api/labs/" + lab.slug() + "/branding/logo";
        String admin = TestAccounts.tokenOf(TestAccounts.labAdmin());
        assertThat(chunked("PUT", logo, TestLabs.png(500 * 1024), "image/png", admin)
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> tooLarge = chunked("PUT", logo, TestLabs.png(600 * 1024), "image/png", admin);
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.anonymous()
                        .get("/api/labs/" + lab.slug() + "/public/branding/logo")
                        .bytes())
                .hasSize(500 * 1024);
    }

    @Test
    void whoMayNotUploadIsRefusedBeforeTheirBodyIsRead() {
        String logo = "/api/labs/" + lab.slug() + "/branding/logo";
        String resident = TestKeycloak.createUser("resident");
        labs.seat(lab, TestAccounts.subject(resident), "resident");
        HttpResponse<String> forbidden =
                chunked("PUT", logo, TestLabs.png(100 * 1024), "image/png", TestAccounts.tokenOf(resident));
        assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);
        assertThat(chunked("PUT", logo, TestLabs.png(100 * 1024), "image/png", null)
                        .statusCode())
                .isEqualTo(401);
    }

    /** Sent from a stream of unknown length: chunked, so no Content-Length announces the size. */
    private HttpResponse<String> chunked(String method, String path, byte[] body, String contentType, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", contentType);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
