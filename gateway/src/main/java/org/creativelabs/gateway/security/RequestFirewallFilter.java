package org.creativelabs.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses paths a backend could normalise into another route — encoded dots or slashes, {@code ..},
 * {@code ;} — before any route matches, so {@code /labs/osh/%2e%2e/…} can never reach {@code /internal/**}.
 * Spring Security's strict firewall does the checking.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestFirewallFilter implements WebFilter {

    private final StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return firewall.getFirewalledExchange(exchange)
                .onErrorMap(
                        ServerExchangeRejectedException.class,
                        e -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request path is not allowed."))
                .flatMap(chain::filter);
    }
}
