package org.creativelabs.gateway.login;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Signing out ends the person's Keycloak session too, from the server with the session's refresh token (Keycloak's
 * logout endpoint for confidential clients), so it holds whether or not the browser follows a redirect: every token
 * of that session stops refreshing and Keycloak asks for the password again. The gateway's own session is invalidated
 * after this by the next handler. A Keycloak that cannot be reached is logged; the local sign-out still happens.
 */
@Component
class KeycloakLogout implements ServerLogoutHandler {

    private static final Logger log = LoggerFactory.getLogger(KeycloakLogout.class);

    private final ServerOAuth2AuthorizedClientRepository sessionTokens;
    private final WebClient keycloak;

    KeycloakLogout(
            ServerOAuth2AuthorizedClientRepository sessionTokens,
            @Value("${platform.security.issuer-uri}") String issuer) {
        this.sessionTokens = sessionTokens;
        this.keycloak = WebClient.create(issuer + "/protocol/openid-connect/logout");
    }

    @Override
    public Mono<Void> logout(WebFilterExchange exchange, Authentication authentication) {
        if (!(authentication instanceof OAuth2AuthenticationToken login)) {
            return Mono.empty();
        }
        return sessionTokens
                .<OAuth2AuthorizedClient>loadAuthorizedClient(
                        login.getAuthorizedClientRegistrationId(), authentication, exchange.getExchange())
                .filter(client -> client.getRefreshToken() != null)
                .flatMap(this::endKeycloakSession)
                .then(sessionTokens.removeAuthorizedClient(
                        login.getAuthorizedClientRegistrationId(), authentication, exchange.getExchange()));
    }

    private Mono<Void> endKeycloakSession(OAuth2AuthorizedClient client) {
        return keycloak.post()
                .headers(headers -> headers.setBasicAuth(
                        client.getClientRegistration().getClientId(),
                        client.getClientRegistration().getClientSecret()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(
                        "refresh_token", client.getRefreshToken().getTokenValue()))
                .retrieve()
                .toBodilessEntity()
                .timeout(java.time.Duration.ofSeconds(5))
                .doOnError(e -> log.warn("Keycloak did not end the session at sign-out: {}", e.toString()))
                .onErrorComplete()
                .then();
    }
}
