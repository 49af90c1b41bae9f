package org.creativelabs.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.creativelabs.gateway.errors.GatewayProblem;
import org.creativelabs.gateway.login.SessionCookie;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway authorises nothing itself (each service checks its own rules). It knows who is calling two ways:
 *
 * <ul>
 *   <li>API clients send their own bearer token: it is checked here, so a forged or expired one is refused at the door
 *       (401), and passes through unchanged. A checked token is remembered until it expires (at most a minute).
 *   <li>Browsers sign in through the gateway (OpenID Connect authorization code with PKCE, the gateway's confidential
 *       client): the tokens stay in the server-side session, the access token is relayed to the services (refreshed
 *       before it expires), and a changing request with a session must carry the CSRF token (double-submit: the
 *       {@code XSRF-TOKEN} cookie back as {@code X-XSRF-TOKEN} or {@code _csrf}). {@code POST /logout} ends the
 *       Keycloak session and this one.
 * </ul>
 *
 * Security headers go on every answer, proxied ones included: a Content-Security-Policy without inline scripts,
 * frame-ancestors none, nosniff, and HSTS on requests that came over TLS.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityWebFilterChain gateway(
            ServerHttpSecurity http,
            ReactiveJwtDecoder tokens,
            ServerOAuth2AuthorizedClientRepository sessionTokens,
            ServerAuthenticationSuccessHandler landing,
            ServerLogoutHandler keycloakLogout) {
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookiePath("/");
        return http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        // the token as it is in the cookie (pages send it back as is)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken)
                        .accessDeniedHandler((exchange, denied) ->
                                Mono.error(new GatewayProblem(HttpStatus.FORBIDDEN, "csrf-refused"))))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .oauth2Login(login -> login.loginPage("/login")
                        .authorizedClientRepository(sessionTokens)
                        .authenticationSuccessHandler(landing)
                        .authenticationFailureHandler((exchange, failure) ->
                                Mono.error(new GatewayProblem(HttpStatus.UNAUTHORIZED, "login-failed"))))
                .logout(logout -> logout.logoutHandler(new DelegatingServerLogoutHandler(
                                keycloakLogout,
                                new SecurityContextServerLogoutHandler(),
                                new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(signedOut()))
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(tokens))
                        .authenticationEntryPoint((exchange, e) ->
                                Mono.error(new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthenticated"))))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY)))
                .build();
    }

    /** After signing out: the gateway's start page, which offers to sign in again. */
    private static RedirectServerLogoutSuccessHandler signedOut() {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(java.net.URI.create("/labs"));
        return handler;
    }

    /** The CSRF token is needed where the session cookie could authorise a change ({@link SessionCookie}). */
    static Mono<ServerWebExchangeMatcher.MatchResult> needsCsrfToken(ServerWebExchange exchange) {
        return SessionCookie.authorisesChange(exchange)
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    @Bean
    ReactiveJwtDecoder tokens(
            @Value("${platform.security.issuer-uri}") String issuer,
            @Value("${platform.security.audience}") String audience,
            @Value("${platform.security.clock-skew:30s}") Duration clockSkew) {
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(
                        issuer + "/protocol/openid-connect/certs")
                .build();
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(clockSkew),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience))));
        Cache<String, Jwt> checked = Caffeine.newBuilder()
                .maximumSize(50_000)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt)))
                .build();
        return token -> Mono.justOrEmpty(checked.getIfPresent(token))
                .switchIfEmpty(Mono.defer(() -> nimbus.decode(token).doOnNext(jwt -> checked.put(token, jwt))));
    }

    /** A checked token is kept for at most a minute and never past its expiry. */
    private static Duration untilExpiry(Jwt jwt) {
        Instant expires = jwt.getExpiresAt() == null ? Instant.now() : jwt.getExpiresAt();
        Duration left = Duration.between(Instant.now(), expires);
        return left.isNegative()
                ? Duration.ZERO
                : left.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : left;
    }
}
