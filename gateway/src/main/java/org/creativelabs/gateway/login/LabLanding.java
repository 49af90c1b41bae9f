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

/**
 * After signing in a person lands in their lab; a coordinator in no lab lands in the console, a UNDP viewer in the
 * dashboards; anyone else (in several labs, in a lab and a platform role, or in none yet) chooses at {@code /labs}.
 */
@Component
class LabLanding implements ServerAuthenticationSuccessHandler {

    private final ServerRedirectStrategy redirects = new DefaultServerRedirectStrategy();

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange exchange, Authentication authentication) {
        URI target = URI.create(landing(Organizations.of(authentication), Organizations.platformRoles(authentication)));
        return redirects.sendRedirect(exchange.getExchange(), target);
    }

    static String landing(List<String> labs, List<String> roles) {
        if (labs.size() == 1 && roles.isEmpty()) {
            return "/labs/" + labs.get(0) + "/";
        }
        if (labs.isEmpty() && roles.contains(Organizations.COORDINATOR)) {
            return LabChooser.CONSOLE;
        }
        if (labs.isEmpty() && roles.contains(Organizations.UNDP_VIEWER)) {
            return LabChooser.DASHBOARDS;
        }
        return LabChooser.PATH;
    }
}
