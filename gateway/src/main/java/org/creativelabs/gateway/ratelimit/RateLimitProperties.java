package org.creativelabs.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets: every request for a lab takes one token from the lab's bucket and one from its caller's bucket in
 * that lab (the person of a checked token, else the client address), so neither a whole lab nor one noisy client in it
 * can take more than its share. {@code redisUrl} empty: buckets in this gateway's memory; set: shared by every gateway
 * in Redis.
 */
@ConfigurationProperties("platform.gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue Limit lab,
        @DefaultValue Limit person,
        @DefaultValue("") String redisUrl) {

    /** {@code capacity}: the burst a bucket takes at once; {@code perSecond}: how fast it refills. */
    record Limit(
            @DefaultValue("600") long capacity,
            @DefaultValue("300") long perSecond) {}
}
