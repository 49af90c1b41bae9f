package org.creativelabs.admin.security;

import java.time.Clock;
import org.creativelabs.realm.PlatformTokens;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** tenant-admin is a resource server with the platform's token rules; endpoints state their roles. */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
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
