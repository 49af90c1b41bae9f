package org.creativelabs.gateway.login;

import org.springframework.core.annotation.Order;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A browser with a session gets its CSRF token as the {@code XSRF-TOKEN} cookie (Spring Security makes the token only
 * when asked): pages send it back as the {@code X-XSRF-TOKEN} header, forms as {@code _csrf}. Requests without a
 * session (API clients, visitors) get no cookie.
 */
@Component
@Order(0)
class CsrfCookie implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!SessionCookie.present(exchange)) {
            return chain.filter(exchange);
        }
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return token.then(chain.filter(exchange));
    }
}
