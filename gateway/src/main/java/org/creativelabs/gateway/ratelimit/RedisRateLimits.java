package org.creativelabs.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every gateway (compare-and-swap through Bucket4j's Lettuce proxy); a bucket's key
 * expires once it would be full again.
 */
class RedisRateLimits implements RateLimits, AutoCloseable {

    private final RedisClient client;
    private final AsyncProxyManager<byte[]> buckets;

    RedisRateLimits(String redisUrl) {
        this.client = RedisClient.create(redisUrl);
        this.buckets = Bucket4jLettuce.casBasedBuilder(client)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build()
                .asAsync();
    }

    @Override
    public Mono<Duration> take(String key, RateLimitProperties.Limit limit) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(LocalRateLimits.bandwidth(limit))
                .build();
        return Mono.fromFuture(() -> buckets.builder()
                        .build(
                                ("clp-rate:" + key).getBytes(StandardCharsets.UTF_8),
                                () -> java.util.concurrent.CompletableFuture.completedFuture(configuration))
                        .tryConsumeAndReturnRemaining(1))
                .flatMap(RedisRateLimits::waitOrNothing);
    }

    private static Mono<Duration> waitOrNothing(ConsumptionProbe probe) {
        return probe.isConsumed() ? Mono.empty() : Mono.just(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
