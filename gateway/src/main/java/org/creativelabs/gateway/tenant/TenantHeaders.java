package org.creativelabs.gateway.tenant;

import java.util.Locale;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The services take the lab from the path alone; still, no client copy of a header that could claim a lab or tenant
 * gets through: every request header whose name mentions a lab or a tenant ({@code X-Lab-Id}, {@code Tenant},
 * {@code X-Forwarded-Tenant}, …) is dropped, not a list of known names.
 */
@Component
class TenantHeaders implements GlobalFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        boolean claims =
                exchange.getRequest().getHeaders().headerNames().stream().anyMatch(TenantHeaders::claimsALab);
        if (!claims) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.headerNames().stream()
                        .filter(TenantHeaders::claimsALab)
                        .toList()
                        .forEach(headers::remove)))
                .build());
    }

    static boolean claimsALab(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("tenant") || lower.matches("(^|.*[-_])labs?([-_].*|$)");
    }
}
