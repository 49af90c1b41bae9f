package org.creativelabs.gateway.ratelimit;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** Token buckets by key, in memory or in Redis. */
interface RateLimits {

    /** Takes a token from the key's bucket: empty when it was there, else how long until the next one. */
    Mono<Duration> take(String key, RateLimitProperties.Limit limit);
}
