package org.creativelabs.gateway.login;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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

    /**
     * Whether the session cookie could be what authorises this request, so it needs the CSRF token: a changing
     * request with the cookie and no bearer token of its own (a browser never sends a bearer token on its own accord).
     */
    public static boolean authorisesChange(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean safe = method == HttpMethod.GET
                || method == HttpMethod.HEAD
                || method == HttpMethod.OPTIONS
                || method == HttpMethod.TRACE;
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return !safe && !bearer && present(exchange);
    }
}
