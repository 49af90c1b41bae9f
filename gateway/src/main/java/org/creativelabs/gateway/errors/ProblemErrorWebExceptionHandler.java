package org.creativelabs.gateway.errors;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error the gateway answers itself — no route, a refused path, an unknown or resting lab, a flood, a body too
 * large, a bad token, a service down — is problem+json with a stable type, in the caller's language (English,
 * Russian, Kyrgyz or Uzbek by {@code Accept-Language}; English otherwise).
 */
@Component
@Order(-2)
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);
    private static final List<Locale> LANGUAGES = List.of(
            Locale.ENGLISH, Locale.forLanguageTag("ru"), Locale.forLanguageTag("ky"), Locale.forLanguageTag("uz"));

    private final JsonMapper json;
    private final MessageSource messages;

    ProblemErrorWebExceptionHandler(JsonMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        GatewayProblem problem = problemFor(exchange, ex);
        if (problem.type().equals("session-expired")) {
            // the session's tokens can no longer be refreshed: the session ends, the person signs in again
            return exchange.getSession()
                    .flatMap(session -> session.invalidate())
                    .then(Mono.defer(() -> write(exchange, problem)));
        }
        return write(exchange, problem);
    }

    private Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem) {
        var response = exchange.getResponse();
        Locale locale = language(exchange);
        ProblemDetail body = ProblemDetail.forStatus(problem.getStatusCode());
        body.setType(URI.create("urn:problem:" + problem.type()));
        body.setTitle(message("problem." + problem.type() + ".title", problem.arguments(), locale));
        body.setDetail(message("problem." + problem.type(), problem.arguments(), locale));
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        response.setStatusCode(problem.getStatusCode());
        response.getHeaders().putAll(problem.getHeaders());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set("Content-Language", locale.getLanguage());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(body))));
    }

    private static GatewayProblem problemFor(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof GatewayProblem problem) {
            return problem;
        }
        if (causedBy(ex, ClientAuthorizationException.class)) {
            return new GatewayProblem(HttpStatus.UNAUTHORIZED, "session-expired");
        }
        if (causedBy(ex, ConnectException.class)
                || causedBy(ex, CallNotPermittedException.class)
                || causedBy(ex, TimeoutException.class)
                || ex instanceof ErrorResponse e && e.getStatusCode().value() == 504) {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            Object service = route == null ? null : route.getMetadata().get("service");
            return new GatewayProblem(
                    HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", service == null ? "?" : service);
        }
        if (ex instanceof ErrorResponse error) {
            HttpStatusCode status = error.getStatusCode();
            HttpStatus known = HttpStatus.resolve(status.value());
            if (known == HttpStatus.NOT_FOUND) {
                return new GatewayProblem(HttpStatus.NOT_FOUND, "no-route");
            }
            if (known == HttpStatus.BAD_REQUEST) {
                return new GatewayProblem(HttpStatus.BAD_REQUEST, "malformed-request");
            }
            if (known != null && known.is4xxClientError()) {
                return new GatewayProblem(known, "request-refused", status.value());
            }
        }
        log.error("Unexpected gateway error", ex);
        return new GatewayProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");
    }

    private static Locale language(ServerWebExchange exchange) {
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(
                    exchange.getRequest().getHeaders().getFirst("Accept-Language") == null
                            ? "en"
                            : exchange.getRequest().getHeaders().getFirst("Accept-Language"));
            Locale best = Locale.lookup(ranges, LANGUAGES);
            return best == null ? Locale.ENGLISH : best;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }

    private String message(String code, Object[] arguments, Locale locale) {
        try {
            return messages.getMessage(code, arguments, locale);
        } catch (NoSuchMessageException e) {
            return messages.getMessage("problem.internal-error", null, locale);
        }
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
