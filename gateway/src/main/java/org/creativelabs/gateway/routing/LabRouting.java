package org.creativelabs.gateway.routing;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.creativelabs.gateway.errors.GatewayProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The lab of a lab route, from the raw path ({@code /labs/<slug>/…}, route metadata {@code lab: path}) or the host
 * ({@code <slug>.<lab domain>}, {@code lab: host}); a slug outside the rules is 400, a lab the registry does not know
 * 404, one that does not serve 423 — all before anything reaches platform-core. A host route's path is mapped onto
 * platform-core's {@code /api/labs/<slug>/…}, so on a lab's own host no path can name another lab.
 */
@Component
public class LabRouting implements GlobalFilter, Ordered {

    /** Before the routing filters build the backend's address. */
    public static final int ORDER = -100;

    private static final String LAB = LabRouting.class.getName() + ".lab";
    private static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");

    private final LabRegistry registry;
    private final String labDomain;

    LabRouting(LabRegistry registry, @Value("${platform.lab-domain}") String labDomain) {
        this.registry = registry;
        this.labDomain = "." + labDomain.toLowerCase(java.util.Locale.ROOT);
    }

    /** The lab this request was routed for, once {@link LabRouting} has checked it. */
    public static Optional<String> lab(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(LAB));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object kind = route == null ? null : route.getMetadata().get("lab");
        if (kind == null) {
            return chain.filter(exchange);
        }
        boolean byHost = "host".equals(kind);
        String slug = byHost ? fromHost(exchange) : fromPath(exchange);
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Mono.error(new GatewayProblem(HttpStatus.BAD_REQUEST, "invalid-lab"));
        }
        return registry.state(slug).flatMap(state -> switch (state) {
            case UNKNOWN -> Mono.error(new GatewayProblem(HttpStatus.NOT_FOUND, "lab-not-found", slug));
            case NOT_SERVING -> Mono.error(new GatewayProblem(HttpStatus.LOCKED, "lab-not-serving", slug));
            case SERVING -> {
                exchange.getAttributes().put(LAB, slug);
                yield chain.filter(
                        withPagePrefix(byHost ? onPlatformCorePath(exchange, slug) : exchange, byHost, slug));
            }
        });
    }

    /** The first raw path segment after {@code /labs/}: never decoded, so {@code o%73h} is not {@code osh}. */
    private static String fromPath(ServerWebExchange exchange) {
        String[] segments = exchange.getRequest().getURI().getRawPath().split("/", 4);
        return segments.length > 2 ? segments[2] : null;
    }

    private String fromHost(ServerWebExchange exchange) {
        String host = exchange.getRequest().getHeaders().getHost() == null
                ? null
                : exchange.getRequest().getHeaders().getHost().getHostString().toLowerCase(java.util.Locale.ROOT);
        return host != null && host.endsWith(labDomain) ? host.substring(0, host.length() - labDomain.length()) : null;
    }

    /**
     * Where the lab's pages link from, for platform-core's portal: {@code /labs/<slug>} on the shared host, {@code /} on
     * the lab's own; whatever the client sent is replaced.
     */
    private static ServerWebExchange withPagePrefix(ServerWebExchange exchange, boolean byHost, String slug) {
        String prefix = byHost ? "/" : "/labs/" + slug;
        return exchange.mutate()
                .request(request -> request.headers(headers -> headers.set("X-Pages-Prefix", prefix)))
                .build();
    }

    private static ServerWebExchange onPlatformCorePath(ServerWebExchange exchange, String slug) {
        URI uri = exchange.getRequest().getURI();
        URI mapped = UriComponentsBuilder.fromUri(uri)
                .replacePath("/api/labs/" + slug + uri.getRawPath())
                .build(true)
                .toUri();
        return exchange.mutate().request(request -> request.uri(mapped)).build();
    }
}
