package org.creativelabs.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.creativelabs.gateway.errors.GatewayProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import reactor.core.publisher.Mono;

/**
 * The gateway authorises nothing itself (each service checks its own rules); it checks a bearer token when one is sent,
 * so a forged or expired one is refused at the door (401) and a request's person is known for its rate limits. A
 * checked token is remembered until it expires (at most a minute), so a client's requests are not all decoded again.
 * Security headers go on every answer, proxied ones included: a Content-Security-Policy without inline scripts,
 * frame-ancestors none, nosniff, and HSTS on requests that came over TLS.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityWebFilterChain gateway(ServerHttpSecurity http, ReactiveJwtDecoder tokens) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(tokens))
                        .authenticationEntryPoint((exchange, e) ->
                                Mono.error(new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthenticated"))))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY)))
                .build();
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
