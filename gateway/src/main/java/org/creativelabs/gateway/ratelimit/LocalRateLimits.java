package org.creativelabs.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Buckets in this gateway's memory (one gateway, or limits per instance); idle buckets are forgotten. */
class LocalRateLimits implements RateLimits {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();

    @Override
    public Mono<Duration> take(String key, RateLimitProperties.Limit limit) {
        ConsumptionProbe probe = buckets.get(
                        key, k -> Bucket.builder().addLimit(bandwidth(limit)).build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Mono.empty() : Mono.just(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    static Bandwidth bandwidth(RateLimitProperties.Limit limit) {
        return Bandwidth.builder()
                .capacity(limit.capacity())
                .refillGreedy(limit.perSecond(), Duration.ofSeconds(1))
                .build();
    }
}
