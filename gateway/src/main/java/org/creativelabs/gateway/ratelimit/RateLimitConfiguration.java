package org.creativelabs.gateway.ratelimit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Buckets in memory by default; in Redis, shared by every gateway, when {@code platform.gateway.rate-limit.redis-url} is set. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    RateLimits rateLimits(RateLimitProperties properties) {
        return properties.redisUrl().isBlank() ? new LocalRateLimits() : new RedisRateLimits(properties.redisUrl());
    }
}
