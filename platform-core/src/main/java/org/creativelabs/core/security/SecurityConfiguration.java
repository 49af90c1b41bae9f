package org.creativelabs.core.security;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * platform-core is an OAuth2 resource server for Keycloak's JWTs: issuer, signature (the realm's JWKS), expiry and
 * audience are checked here; lab roles are checked next to each endpoint ({@code @PreAuthorize} with
 * {@code @labAccess}). Realm roles become authorities {@code ROLE_<role>}. Every 401 and 403 is problem+json.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String PROVISIONER = "platform-provisioner";

    @Bean
    SecurityFilterChain api(HttpSecurity http, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems)
            throws Exception {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
        // The bearer handlers set the status and WWW-Authenticate header; the problem body comes from the MVC advice.
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            bearer.commence(request, response, e);
            problems.resolveException(request, response, null, e);
        };
        AccessDeniedHandler forbidden = (request, response, e) -> {
            denied.handle(request, response, e);
            problems.resolveException(request, response, null, e);
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/v3/api-docs/**", "/error").permitAll()
                        // Service to service only: tenant-admin's provisioning, with a client-credentials token.
                        .requestMatchers("/internal/**").hasRole(PROVISIONER)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::authentication))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
        return http.build();
    }

    /**
     * Keys come from the realm's JWKS (fetched when first needed, so start-up does not wait for Keycloak); the
     * clock is injectable so expiry is tested without sleeping.
     */
    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<Clock> clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withJwkSetUri(properties.issuerUri() + "/protocol/openid-connect/certs").build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(properties.clockSkew());
        expiry.setClock(clock.getIfAvailable(Clock::systemUTC));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                expiry,
                new JwtIssuerValidator(properties.issuerUri()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(properties.audience()))));
        return decoder;
    }

    private static AbstractAuthenticationToken authentication(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, realmRoles(jwt), jwt.getSubject());
    }

    @SuppressWarnings("unchecked")
    private static Collection<GrantedAuthority> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return ((Collection<Object>) roles).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

}
