package org.creativelabs.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestClock;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;

/** Must-show 2 (identity): every token that is not valid for this platform is a 401 problem, with real Keycloak tokens. */
class AuthenticationIntegrationTests extends LabApiTest {

    @Autowired
    TestClock clock;

    Lab lab;
    String spaces;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("auth");
        spaces = "/api/labs/" + lab.slug() + "/spaces";
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aValidTokenIsAccepted() {
        assertThat(api.get(spaces).status()).isEqualTo(200);
    }

    @Test
    void aTokenIsAcceptedWhetherKeycloakWasReachedAsLocalhostOr127001() {
        // Keycloak has one fixed public address, so the issuer does not follow the host name a client happened to use.
        String localhost = TestKeycloak.url().replace("127.0.0.1", "localhost");
        try (var user = org.keycloak.admin.client.KeycloakBuilder.builder()
                .serverUrl(localhost)
                .realm(org.creativelabs.realm.CreativeLabsRealm.NAME)
                .clientId(org.creativelabs.realm.CreativeLabsRealm.DEV_CLIENT)
                .username(TestAccounts.labAdmin())
                .password(TestKeycloak.TEST_PASSWORD)
                .grantType("password")
                .build()) {
            Api.Reply reply = api.as(user.tokenManager().getAccessTokenString()).get(spaces);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        }
    }

    @Test
    void noTokenIs401() {
        assertUnauthorized(api.anonymous().get(spaces));
        assertUnauthorized(api.anonymous().get("/internal/tenants"));
    }

    @Test
    void anExpiredTokenIs401() {
        String token = TestKeycloak.userToken(TestAccounts.labAdmin()); // fresh, valid for 5 minutes
        assertThat(api.as(token).get(spaces).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(10));
        assertUnauthorized(api.as(token).get(spaces));
    }

    @Test
    void aTamperedSignatureIs401() {
        String token = TestAccounts.tokenOf(TestAccounts.labAdmin());
        int dot = token.lastIndexOf('.');
        char flipped = token.charAt(dot + 5) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, dot + 5) + flipped + token.substring(dot + 6);
        assertUnauthorized(api.as(tampered).get(spaces));

        String[] parts = token.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace("\"lab-admin", "\"lab-admin-x")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertUnauthorized(
                api.as(parts[0] + "." + forgedPayload + "." + parts[2]).get(spaces));
    }

    @Test
    void aTokenFromAnotherRealmIs401() {
        assertUnauthorized(api.as(tokenFromOtherRealm()).get(spaces));
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        Keycloak admin = TestKeycloak.admin();
        var clients = admin.realm(CreativeLabsRealm.NAME).clients();
        if (clients.findByClientId("no-audience").isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId("no-audience");
            client.setPublicClient(true);
            client.setDirectAccessGrantsEnabled(true);
            client.setStandardFlowEnabled(false);
            clients.create(client).close();
        }
        String token;
        try (Keycloak user = KeycloakBuilder.builder()
                .serverUrl(TestKeycloak.url())
                .realm(CreativeLabsRealm.NAME)
                .clientId("no-audience")
                .username(TestAccounts.labAdmin())
                .password(TestKeycloak.TEST_PASSWORD)
                .grantType("password")
                .build()) {
            token = user.tokenManager().getAccessTokenString();
        }
        assertUnauthorized(api.as(token).get(spaces));
    }

    private static String tokenFromOtherRealm() {
        Keycloak admin = TestKeycloak.admin();
        String realmName = "other-realm";
        if (admin.realms().findAll().stream().noneMatch(r -> r.getRealm().equals(realmName))) {
            RealmRepresentation realm = new RealmRepresentation();
            realm.setRealm(realmName);
            realm.setEnabled(true);
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(CreativeLabsRealm.DEV_CLIENT);
            client.setPublicClient(true);
            client.setDirectAccessGrantsEnabled(true);
            realm.setClients(List.of(client));
            UserRepresentation user = new UserRepresentation();
            user.setUsername("outsider");
            user.setEmail("outsider@example.org");
            user.setFirstName("Out");
            user.setLastName("Sider");
            user.setEmailVerified(true);
            user.setEnabled(true);
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(TestKeycloak.TEST_PASSWORD);
            password.setTemporary(false);
            user.setCredentials(List.of(password));
            realm.setUsers(List.of(user));
            admin.realms().create(realm);
        }
        try (Keycloak outsider = KeycloakBuilder.builder()
                .serverUrl(TestKeycloak.url())
                .realm(realmName)
                .clientId(CreativeLabsRealm.DEV_CLIENT)
                .username("outsider")
                .password(TestKeycloak.TEST_PASSWORD)
                .grantType("password")
                .build()) {
            return outsider.tokenManager().getAccessTokenString();
        }
    }

    private static void assertUnauthorized(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        assertThat(reply.json().get("type").asString()).isEqualTo("urn:problem:unauthorized");
    }
}
