package org.creativelabs.core.security;

import java.time.Clock;
import org.creativelabs.core.portal.PortalPages;
import org.creativelabs.realm.PlatformTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * platform-core is an OAuth2 resource server for Keycloak's JWTs ({@link PlatformTokens}: issuer, signature, expiry,
 * audience). Lab roles are checked next to each endpoint ({@code @PreAuthorize} with {@code @labAccess}); the
 * internal API takes only the platform-provisioner's client-credentials token. Every 401 and 403 is problem+json.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            JwtDecoder decoder,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems)
            throws Exception {
        PlatformTokens.resourceServer(http, decoder, problems)
                .authorizeHttpRequests(requests -> requests.requestMatchers(PlatformTokens.PUBLIC_PATHS)
                        .permitAll()
                        // Service to service only: tenant-admin's provisioning, with a client-credentials token.
                        .requestMatchers("/internal/**")
                        .hasRole("platform-provisioner")
                        // A lab's public pages (branding, events) and public flows (registering for an event, acting
                        // on a registration by its code): explicitly open; rate limits live in the gateway.
                        .requestMatchers(HttpMethod.GET, "/api/labs/*/public/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/labs/*/public/**")
                        .permitAll()
                        // The portal's pages: each page checks who may see it; one that needs an account sends a
                        // browser without one to sign in (ApiExceptionHandler).
                        .requestMatchers(HttpMethod.GET, PortalPages.PATHS)
                        .permitAll()
                        .anyRequest()
                        .authenticated());
        return http.build();
    }

    /** The clock is injectable so token expiry is tested without sleeping. */
    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<Clock> clock) {
        return PlatformTokens.decoder(
                properties.issuerUri(),
                properties.audience(),
                properties.clockSkew(),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
