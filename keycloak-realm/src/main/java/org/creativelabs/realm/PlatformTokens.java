package org.creativelabs.realm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * What makes a token valid for any service of the platform: signed by the realm's key (its JWKS, fetched when first
 * needed so a service starts without waiting for Keycloak), issued by the realm, not expired (against an injectable
 * clock), and for the platform's audience. Realm roles become authorities {@code ROLE_<role>}.
 */
public final class PlatformTokens {

    /** What every service answers without a token: probes, its OpenAPI document, the error page. */
    /**
     * Open without a token: the health probes on the public port ({@code /livez}, {@code /readyz}) and, on the
     * management port that the chart keeps inside the cluster, health, info and Prometheus' scrape.
     */
    public static final String[] PUBLIC_PATHS = {
        "/livez",
        "/readyz",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs/**",
        "/error"
    };

    private PlatformTokens() {}

    /**
     * The realm's decoder with these rules. A token that passed them is kept for a minute (at most 10,000 of them), so
     * a person's next requests skip the signature check and parsing (a tenth of a lab read's CPU); its expiry is
     * checked again on every request against the clock. A key the realm drops stops being trusted within that minute.
     */
    public static JwtDecoder decoder(String issuerUri, String audience, Duration clockSkew, Clock clock) {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(issuerUri + "/protocol/openid-connect/certs")
                .build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(clockSkew);
        expiry.setClock(clock);
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                expiry,
                new JwtIssuerValidator(issuerUri),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience))));
        return checkedOnce(nimbus, expiry);
    }

    /** {@code verifying} checks everything once per token; {@code expiry} again on every use. */
    static JwtDecoder checkedOnce(JwtDecoder verifying, JwtTimestampValidator expiry) {
        Cache<String, Jwt> checked = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(1))
                .build();
        return token -> {
            Jwt jwt = checked.get(token, verifying::decode);
            OAuth2TokenValidatorResult stillValid = expiry.validate(jwt);
            if (stillValid.hasErrors()) {
                checked.invalidate(token);
                throw new JwtValidationException("The token has expired", stillValid.getErrors());
            }
            return jwt;
        };
    }

    /**
     * A stateless resource server with these rules; 401 and 403 keep the bearer-token headers and get a
     * problem+json body from the service's MVC exception handling. The caller adds its request rules.
     */
    public static HttpSecurity resourceServer(
            HttpSecurity http, JwtDecoder decoder, HandlerExceptionResolver problems) {
        BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
        AuthenticationEntryPoint unauthenticated = unauthenticated(problems);
        AccessDeniedHandler forbidden = (request, response, e) -> {
            denied.handle(request, response, e);
            problems.resolveException(request, response, null, e);
        };
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(oauth -> oauth.jwt(
                                jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(PlatformTokens::authentication))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
    }

    /** 401 with the bearer-token header and a problem+json body. */
    public static AuthenticationEntryPoint unauthenticated(HandlerExceptionResolver problems) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, e) -> {
            bearer.commence(request, response, e);
            problems.resolveException(request, response, null, e);
        };
    }

    public static AbstractAuthenticationToken authentication(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, realmRoles(jwt), jwt.getSubject());
    }

    @SuppressWarnings("unchecked")
    private static Collection<GrantedAuthority> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return ((Collection<Object>) roles)
                .stream()
                        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                        .toList();
    }
}
