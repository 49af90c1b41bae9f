package org.creativelabs.gateway.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Browser sessions ({@code platform.gateway.session}).
 *
 * @param redisUrl empty: sessions in this gateway's memory; {@code redis://host:6379}: shared by every gateway
 * @param timeout how long an idle session lives (Keycloak's own idle limit ends it sooner if shorter)
 * @param refreshBefore a relayed access token is refreshed when it expires within this
 * @param secureCookie whether the session cookie is sent over TLS only (on behind TLS)
 */
@ConfigurationProperties("platform.gateway.session")
record SessionProperties(String redisUrl, Duration timeout, Duration refreshBefore, boolean secureCookie) {

    SessionProperties {
        redisUrl = redisUrl == null ? "" : redisUrl;
        timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        refreshBefore = refreshBefore == null ? Duration.ofSeconds(60) : refreshBefore;
    }
}
