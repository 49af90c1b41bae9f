package org.creativelabs.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** Where signing in lands a person, from the ID token's organizations and realm roles. */
class LabLandingTests {

    private static final List<String> DEFAULTS = List.of("default-roles-creative-labs", "offline_access");

    @Test
    void aPersonOfOneLabLandsInItWhateverKeycloaksDefaultRoles() {
        assertThat(landing(List.of("osh"), DEFAULTS)).isEqualTo("/labs/osh/");
    }

    @Test
    void coordinatorsLandInTheConsoleAndUndpInTheDashboards() {
        assertThat(landing(List.of(), concat("platform-coordinator"))).isEqualTo("/console/");
        assertThat(landing(List.of(), concat("undp-viewer"))).isEqualTo("/undp/");
        assertThat(landing(List.of(), concat("platform-coordinator", "undp-viewer")))
                .isEqualTo("/console/");
    }

    @Test
    void everyoneElseChooses() {
        assertThat(landing(List.of(), DEFAULTS)).isEqualTo("/labs");
        assertThat(landing(List.of("osh", "batken"), DEFAULTS)).isEqualTo("/labs");
        assertThat(landing(List.of("osh"), concat("platform-coordinator"))).isEqualTo("/labs");
    }

    private static List<String> concat(String... roles) {
        return java.util.stream.Stream.concat(DEFAULTS.stream(), java.util.Arrays.stream(roles))
                .toList();
    }

    private static String landing(List<String> organizations, List<String> roles) {
        OidcIdToken token = new OidcIdToken(
                "id-token",
                Instant.now(),
                Instant.now().plusSeconds(60),
                Map.of("sub", "someone", "organization", organizations, "platform_roles", roles));
        Authentication person =
                new OAuth2AuthenticationToken(new DefaultOidcUser(List.of(), token), List.of(), "keycloak");
        return LabLanding.landing(Organizations.of(person), Organizations.platformRoles(person));
    }
}
