package org.creativelabs.gateway.login;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * The gateway's confidential client at Keycloak ({@code gateway}), used two ways: registration {@value #LOGIN} signs
 * people in (authorization code with PKCE; Spring Security 7 sends a S256 challenge for every authorization-code
 * client), registration {@code lab-router} is the gateway's own client-credentials token for registry lookups. Its
 * endpoints follow from the issuer, so the gateway starts without asking Keycloak anything. A signed-in person's
 * tokens live in their server-side session (never in the browser), and the access token relayed to the services is
 * refreshed {@code refresh-before} its expiry.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
class LoginConfiguration {

    /** The login registration: its callback is {@code /login/oauth2/code/keycloak}. */
    static final String LOGIN = "keycloak";

    static final String LAB_ROUTER = "lab-router";

    @Bean
    ReactiveClientRegistrationRepository gatewayClient(
            @Value("${platform.security.issuer-uri}") String issuer,
            @Value("${platform.gateway.client-id:gateway}") String clientId,
            @Value("${platform.gateway.client-secret:}") String secret) {
        String oidc = issuer + "/protocol/openid-connect";
        ClientRegistration login = ClientRegistration.withRegistrationId(LOGIN)
                .clientId(clientId)
                .clientSecret(secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                // organization:*: every lab a person belongs to (plain "organization" would make Keycloak ask for one)
                .scope("openid", "profile", "email", "organization:*")
                .authorizationUri(oidc + "/auth")
                .tokenUri(oidc + "/token")
                .jwkSetUri(oidc + "/certs")
                .userInfoUri(oidc + "/userinfo")
                .userNameAttributeName("sub")
                .issuerUri(issuer)
                .clientName("Keycloak")
                .build();
        ClientRegistration labRouter = ClientRegistration.withRegistrationId(LAB_ROUTER)
                .clientId(clientId)
                .clientSecret(secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(oidc + "/token")
                .build();
        return new InMemoryReactiveClientRegistrationRepository(login, labRouter);
    }

    /** A person's tokens are kept in their session: shared with the session in Redis, gone when it ends. */
    @Bean
    ServerOAuth2AuthorizedClientRepository sessionTokens() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /** The token relay's manager: the session's access token, refreshed when it expires within refresh-before. */
    @Bean
    ReactiveOAuth2AuthorizedClientManager relayedTokens(
            ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository sessionTokens,
            SessionProperties session) {
        DefaultReactiveOAuth2AuthorizedClientManager manager =
                new DefaultReactiveOAuth2AuthorizedClientManager(registrations, sessionTokens);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.clockSkew(session.refreshBefore()))
                .build());
        return manager;
    }

    /** The session cookie: not readable by scripts, sent on top-level navigations back from Keycloak (Lax). */
    @Bean
    WebSessionIdResolver sessionCookie(SessionProperties session) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(SessionCookie.NAME);
        resolver.setCookieMaxAge(Duration.ofSeconds(-1));
        resolver.addCookieInitializer(
                cookie -> cookie.httpOnly(true).sameSite("Lax").path("/").secure(session.secureCookie()));
        return resolver;
    }
}
