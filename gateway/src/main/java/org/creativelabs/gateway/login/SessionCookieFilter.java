package org.creativelabs.gateway.login;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The session cookie is the gateway's alone: it is taken out of every forwarded request, so no service (or its logs)
 * ever holds a credential for a person's session. Services get the relayed access token instead.
 */
@Component
class SessionCookieFilter implements GlobalFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        List<String> cookies = exchange.getRequest().getHeaders().get(HttpHeaders.COOKIE);
        if (cookies == null || cookies.stream().noneMatch(c -> c.contains(SessionCookie.NAME + "="))) {
            return chain.filter(exchange);
        }
        List<String> kept = cookies.stream()
                .flatMap(header -> java.util.Arrays.stream(header.split(";")))
                .map(String::trim)
                .filter(cookie -> !cookie.isEmpty() && !cookie.startsWith(SessionCookie.NAME + "="))
                .toList();
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.remove(HttpHeaders.COOKIE);
                    if (!kept.isEmpty()) {
                        headers.set(HttpHeaders.COOKIE, String.join("; ", kept));
                    }
                }))
                .build());
    }
}
