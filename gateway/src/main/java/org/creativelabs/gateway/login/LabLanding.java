package org.creativelabs.gateway.login;

import java.net.URI;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** After signing in a person lands in their lab; one in several labs (or in none yet) chooses at {@code /labs}. */
@Component
class LabLanding implements ServerAuthenticationSuccessHandler {

    private final ServerRedirectStrategy redirects = new DefaultServerRedirectStrategy();

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange exchange, Authentication authentication) {
        List<String> labs = Organizations.of(authentication);
        URI target = URI.create(labs.size() == 1 ? "/labs/" + labs.get(0) + "/" : LabChooser.PATH);
        return redirects.sendRedirect(exchange.getExchange(), target);
    }
}
