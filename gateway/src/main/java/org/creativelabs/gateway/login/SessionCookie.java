package org.creativelabs.gateway.login;

import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;

/** The browser session's cookie: set by the gateway, never forwarded to a service. */
public final class SessionCookie {

    public static final String NAME = "SESSION";

    private SessionCookie() {}

    /** Whether the request carries a session cookie (a browser that may have signed in). */
    public static boolean present(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(NAME);
        return cookie != null && !cookie.getValue().isEmpty();
    }
}
