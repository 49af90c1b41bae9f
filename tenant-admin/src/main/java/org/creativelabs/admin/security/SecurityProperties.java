package org.creativelabs.admin.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("platform.security")
record SecurityProperties(String issuerUri, String audience, Duration clockSkew) {}
