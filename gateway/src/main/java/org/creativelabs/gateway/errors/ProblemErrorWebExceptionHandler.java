package org.creativelabs.gateway.errors;

import java.net.ConnectException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Every error the gateway answers itself — no route, a refused path, a backend down — is problem+json. */
@Component
@Order(-2)
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private final JsonMapper json;

    ProblemErrorWebExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ProblemDetail problem = problemFor(ex);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(problem);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static ProblemDetail problemFor(Throwable ex) {
        if (causedBy(ex, ConnectException.class)) {
            return problem(
                    HttpStatus.SERVICE_UNAVAILABLE, "The service behind this address is not reachable right now.");
        }
        if (ex instanceof ErrorResponse error) {
            HttpStatusCode status = error.getStatusCode();
            HttpStatus known = HttpStatus.resolve(status.value());
            String detail = error.getBody().getDetail() != null
                    ? error.getBody().getDetail()
                    : known != null ? known.getReasonPhrase() : "Request failed.";
            return problem(known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR, detail);
        }
        log.error("Unexpected gateway error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.");
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setType(URI.create("urn:problem:" + status.name().toLowerCase().replace('_', '-')));
        return problem;
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
