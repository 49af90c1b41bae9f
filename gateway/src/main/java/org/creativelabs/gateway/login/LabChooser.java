package org.creativelabs.gateway.login;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The gateway's few pages of its own: {@code /login} starts the sign-in at Keycloak, {@code /} leads to {@code /labs},
 * where a signed-in person picks one of their labs (or learns they have none yet) and can sign out, and a visitor finds
 * the sign-in link. A tiny page in the person's language (English, Russian, Kyrgyz or Uzbek), no script, no style
 * sheet: light on any phone.
 */
@Configuration(proxyBeanMethods = false)
class LabChooser {

    static final String PATH = "/labs";
    /** tenant-admin's pages: the coordinators' console and UNDP's dashboards. */
    static final String CONSOLE = "/console/";

    static final String DASHBOARDS = "/undp/";

    private static final List<Locale> LANGUAGES = List.of(
            Locale.ENGLISH, Locale.forLanguageTag("ru"), Locale.forLanguageTag("ky"), Locale.forLanguageTag("uz"));

    private final MessageSource messages;

    LabChooser(MessageSource messages) {
        this.messages = messages;
    }

    @Bean
    RouterFunction<ServerResponse> gatewayPages() {
        return route(GET("/login"), request -> seeOther("/oauth2/authorization/" + LoginConfiguration.LOGIN))
                .andRoute(GET("/"), request -> seeOther(PATH))
                .andRoute(GET(PATH), this::chooser);
    }

    private static Mono<ServerResponse> seeOther(String path) {
        return ServerResponse.seeOther(URI.create(path)).build();
    }

    private Mono<ServerResponse> chooser(ServerRequest request) {
        Locale locale = language(request);
        Mono<CsrfToken> csrf = request.exchange().getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .flatMap(person -> csrf.map(token ->
                        signedIn(locale, Organizations.of(person), Organizations.platformRoles(person), token)))
                .defaultIfEmpty(visitor(locale))
                .flatMap(html -> ServerResponse.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                        .cacheControl(CacheControl.noStore())
                        .header("Content-Language", locale.getLanguage())
                        .bodyValue(html));
    }

    private String signedIn(Locale locale, List<String> labs, List<String> roles, CsrfToken csrf) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(text("page.labs.title", locale)).append("</h1>");
        if (roles.contains(Organizations.COORDINATOR) || roles.contains(Organizations.UNDP_VIEWER)) {
            body.append("<ul>");
            if (roles.contains(Organizations.COORDINATOR)) {
                body.append("<li><a href=\"" + CONSOLE + "\">")
                        .append(text("page.labs.console", locale))
                        .append("</a></li>");
            }
            body.append("<li><a href=\"" + DASHBOARDS + "\">")
                    .append(text("page.labs.dashboards", locale))
                    .append("</a></li></ul>");
        } else if (labs.isEmpty()) {
            body.append("<p>").append(text("page.labs.none", locale)).append("</p>");
        } else {
            body.append("<ul>");
            labs.forEach(slug -> body.append("<li><a href=\"/labs/")
                    .append(slug)
                    .append("/\">")
                    .append(slug)
                    .append("</a></li>"));
            body.append("</ul>");
        }
        body.append("<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"")
                .append(HtmlUtils.htmlEscape(csrf.getParameterName()))
                .append("\" value=\"")
                .append(HtmlUtils.htmlEscape(csrf.getToken()))
                .append("\"><button type=\"submit\">")
                .append(text("page.labs.sign-out", locale))
                .append("</button></form>");
        return page(locale, body.toString());
    }

    private String visitor(Locale locale) {
        return page(
                locale,
                "<h1>" + text("page.labs.welcome", locale) + "</h1><p><a href=\"/login\">"
                        + text("page.labs.sign-in", locale) + "</a></p>");
    }

    private String page(Locale locale, String body) {
        return "<!doctype html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + text("page.labs.title", locale) + "</title></head><body><main>" + body + "</main></body></html>";
    }

    private String text(String key, Locale locale) {
        return HtmlUtils.htmlEscape(messages.getMessage(key, null, locale));
    }

    private static Locale language(ServerRequest request) {
        try {
            Locale best = Locale.lookup(request.headers().acceptLanguage(), LANGUAGES);
            return best == null ? Locale.ENGLISH : best;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }
}
