package org.creativelabs.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;
import org.creativelabs.gateway.errors.GatewayProblem;
import org.creativelabs.gateway.routing.LabRouting;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every routed request takes a token from its caller's bucket and, for a lab, from the lab's bucket; an empty bucket
 * is 429 problem+json with {@code Retry-After}. The caller is the person of a checked token, else the client address.
 * Runs after the lab is known to serve ({@link LabRouting}), so unknown labs make no buckets.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    private final RateLimits limits;
    private final RateLimitProperties properties;

    RateLimitFilter(RateLimits limits, RateLimitProperties properties) {
        this.limits = limits;
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return LabRouting.ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<String> lab = LabRouting.lab(exchange);
        String scope = lab.map(slug -> "lab:" + slug).orElse("platform");
        return caller(exchange)
                .flatMap(caller -> limits.take(scope + ":person:" + caller, properties.person()))
                .switchIfEmpty(Mono.defer(() -> lab.isPresent() ? limits.take(scope, properties.lab()) : Mono.empty()))
                .flatMap(wait -> Mono.<Void>error(tooMany(wait)))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
    }

    private static Mono<String> caller(ServerWebExchange exchange) {
        Mono<String> address = Mono.fromSupplier(() -> exchange.getRequest().getRemoteAddress() == null
                ? "unknown"
                : "ip:" + exchange.getRequest().getRemoteAddress().getAddress().getHostAddress());
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(authentication -> "sub:" + authentication.getName())
                .switchIfEmpty(address);
    }

    private static GatewayProblem tooMany(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", headers, seconds);
    }
}
