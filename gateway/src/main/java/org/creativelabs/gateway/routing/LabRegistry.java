package org.creativelabs.gateway.routing;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Whether a lab exists and serves, as tenant-admin's registry (the source of truth for a lab's lifecycle) says, asked
 * with the gateway's own client-credentials token and cached for {@code platform.gateway.registry-cache-ttl} (3 s): a
 * lab that stops serving is refused within that time, and a burst of requests for one lab asks the registry once.
 */
@Component
class LabRegistry {

    enum State {
        SERVING,
        NOT_SERVING,
        UNKNOWN
    }

    record Route(boolean serving) {}

    private final AsyncLoadingCache<String, State> states;

    LabRegistry(
            ServerOAuth2AuthorizedClientExchangeFilterFunction clientCredentials,
            @Value("${platform.tenant-admin-url}") String tenantAdminUrl,
            @Value("${platform.gateway.registry-cache-ttl:3s}") Duration ttl) {
        WebClient registry = WebClient.builder()
                .baseUrl(tenantAdminUrl)
                .filter(clientCredentials)
                .build();
        this.states = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(100_000)
                .buildAsync((slug, executor) -> registry.get()
                        .uri("/internal/registry/labs/{slug}", slug)
                        .retrieve()
                        .bodyToMono(Route.class)
                        .map(route -> route.serving() ? State.SERVING : State.NOT_SERVING)
                        .onErrorResume(WebClientResponseException.NotFound.class, notFound -> Mono.just(State.UNKNOWN))
                        .timeout(Duration.ofSeconds(5))
                        .toFuture());
    }

    /** The lab's state; a registry that cannot be asked is the caller's 503, never a guess. */
    Mono<State> state(String slug) {
        return Mono.fromFuture(() -> states.get(slug))
                .onErrorMap(
                        e -> !(e instanceof org.creativelabs.gateway.errors.GatewayProblem),
                        e -> new org.creativelabs.gateway.errors.GatewayProblem(
                                HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "tenant-admin"));
    }
}
