package org.creativelabs.core.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.tenancy.Lab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The portal's pages as platform-core serves them (the browser tests drive them through the gateway): their files,
 * where their links start, their language, and a page that needs an account asked for without one.
 */
class PortalPagesIntegrationTests extends LabApiTest {

    private Lab lab;

    @BeforeEach
    void aLab() {
        lab = labs.createServing("portal");
    }

    @Test
    void thePagesFilesAndTheLabsColoursAreServedAndCached() {
        Api.Reply script = api.anonymous().get("/api/labs/" + lab.slug() + "/portal/assets/portal.js");
        assertThat(script.status()).as(script.toString()).isEqualTo(200);
        assertThat(script.contentType()).contains("javascript");
        assertThat(script.body()).contains("Idempotency-Key");
        assertThat(api.anonymous()
                        .get("/api/labs/" + lab.slug() + "/portal/assets/check-in.js")
                        .status())
                .isEqualTo(200);
        Api.Reply styles = api.anonymous().get("/api/labs/" + lab.slug() + "/portal/assets/portal.css");
        assertThat(styles.status()).isEqualTo(200);
        assertThat(styles.contentType()).contains("text/css");
        Api.Reply theme = api.anonymous().get("/api/labs/" + lab.slug() + "/portal/theme.css");
        assertThat(theme.body()).matches(":root\\{--primary:#[0-9a-fA-F]{6};--accent:#[0-9a-fA-F]{6}}");
        assertThat(api.anonymous()
                        .get("/api/labs/" + lab.slug() + "/portal/assets/../../spaces")
                        .status())
                .isNotEqualTo(200);
    }

    @Test
    void linksStartAtTheGatewaysAddressForTheLabAndFollowTheChosenLanguage() {
        String home = "/api/labs/" + lab.slug() + "/";
        Api.Reply direct = api.anonymous().send("GET", home, null, Map.of("Accept", "text/html"));
        assertThat(direct.status()).isEqualTo(200);
        assertThat(direct.body()).contains("href=\"/api/labs/" + lab.slug() + "/portal/events\"");

        Api.Reply viaGateway = api.anonymous()
                .send("GET", home, null, Map.of("Accept", "text/html", "X-Pages-Prefix", "/labs/" + lab.slug()));
        assertThat(viaGateway.body())
                .contains("href=\"/labs/" + lab.slug() + "/portal/events\"")
                .doesNotContain("/api/labs/");

        Api.Reply russian = api.anonymous().get(home + "?lang=ru");
        assertThat(utf8(russian)).contains("<html lang=\"ru\"").contains("Ближайшие события");
        assertThat(russian.toString()).doesNotContain("lang=de");
        Api.Reply remembered = api.anonymous()
                .send("GET", "/api/labs/" + lab.slug() + "/portal/events", null, Map.of("Cookie", "lang=ky"));
        assertThat(utf8(remembered)).contains("<html lang=\"ky\"").contains("Жакынкы иш-чаралар");
        // a problem the API answers the page with speaks the page's language too
        Api.Reply problem = api.anonymous()
                .send(
                        "POST",
                        "/api/labs/" + lab.slug() + "/public/registrations/lookup",
                        Map.of(),
                        Map.of("Cookie", "lang=ru"));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(utf8(problem)).contains("не должно быть пустым");
    }

    @Test
    void aPageThatNeedsAnAccountSendsABrowserToSignInAndAnApiClientGets401() {
        String page = "/api/labs/" + lab.slug() + "/portal/bookings";
        Api.Reply browser = api.anonymous().send("GET", page, null, Map.of("Accept", "text/html,*/*"));
        assertThat(browser.status()).isEqualTo(303);
        assertThat(browser.location()).isEqualTo("/login");
        Api.Reply client = api.anonymous().get(page);
        assertThat(client.status()).isEqualTo(401);
        assertThat(client.isProblem()).isTrue();
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Test
    void everyFormOfThePagesGoesToAnEndpointOfTheApi() throws Exception {
        Set<String> endpoints = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream())
                .filter(pattern -> pattern.startsWith("/api/labs/{slug}/"))
                .map(pattern -> pattern.substring("/api/labs/{slug}".length()))
                .collect(Collectors.toSet());
        Pattern path = Pattern.compile("\\$\\{base} \\+ '(/[^']*)'");
        Set<String> unknown = new TreeSet<>();
        int forms = 0;
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates/portal"))) {
            for (Path template : templates.toList()) {
                for (String line : Files.readAllLines(template)) {
                    if (!line.contains("data-path")) {
                        continue;
                    }
                    Matcher m = path.matcher(line.substring(line.indexOf("data-path")));
                    while (m.find()) {
                        forms++;
                        String literal = m.group(1);
                        // "/spaces/" + id + …: an endpoint below it; "/events": that endpoint itself
                        boolean known = literal.endsWith("/")
                                ? endpoints.stream().anyMatch(e -> e.startsWith(literal))
                                : endpoints.contains(literal);
                        if (!known) {
                            unknown.add(template.getFileName() + ": " + literal);
                        }
                    }
                }
            }
        }
        assertThat(forms).isGreaterThan(30);
        assertThat(unknown).as("form addresses that no endpoint serves").isEmpty();
    }

    private static String utf8(Api.Reply reply) {
        return new String(reply.bytes(), StandardCharsets.UTF_8);
    }
}
