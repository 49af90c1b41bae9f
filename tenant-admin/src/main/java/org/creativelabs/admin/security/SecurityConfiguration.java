package org.creativelabs.admin.security;

import java.time.Clock;
import org.creativelabs.realm.CreativeLabsRealm;
import org.creativelabs.realm.PlatformTokens;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** tenant-admin is a resource server with the platform's token rules; endpoints state their roles. */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    /**
     * The coordinators' console and UNDP's dashboards: the same bearer tokens (the gateway relays a signed-in
     * browser's), the roles checked per path; a browser without a token is sent to the gateway's sign-in. Their files
     * (styles, scripts, the chart library) are public.
     */
    @Bean
    @Order(1)
    SecurityFilterChain pages(
            HttpSecurity http,
            JwtDecoder decoder,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = PlatformTokens.unauthenticated(problems);
        AuthenticationEntryPoint signIn = (request, response, e) -> {
            if (request.getHeader("Authorization") == null) {
                response.setStatus(303);
                response.setHeader("Location", "/login");
            } else {
                unauthenticated.commence(request, response, e);
            }
        };
        PlatformTokens.resourceServer(http.securityMatcher("/console/**", "/undp/**"), decoder, problems)
                .exceptionHandling(e -> e.authenticationEntryPoint(signIn))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/console/assets/**", "/console/webjars/**")
                        .permitAll()
                        .requestMatchers("/console/**")
                        .hasRole(CreativeLabsRealm.COORDINATOR)
                        .requestMatchers("/undp/**")
                        .hasAnyRole(CreativeLabsRealm.COORDINATOR, CreativeLabsRealm.UNDP_VIEWER));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            JwtDecoder decoder,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems)
            throws Exception {
        PlatformTokens.resourceServer(http, decoder, problems)
                .authorizeHttpRequests(requests -> requests.requestMatchers(PlatformTokens.PUBLIC_PATHS)
                        .permitAll()
                        .anyRequest()
                        .authenticated());
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        return PlatformTokens.decoder(
                properties.issuerUri(), properties.audience(), properties.clockSkew(), Clock.systemUTC());
    }
}
