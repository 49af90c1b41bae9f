package org.creativelabs.core.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuerUri the Keycloak realm that issues tokens
 * @param audience the audience every token for the platform carries
 * @param clockSkew how far token times may be off
 */
@ConfigurationProperties("platform.security")
record SecurityProperties(String issuerUri, String audience, Duration clockSkew) {}
