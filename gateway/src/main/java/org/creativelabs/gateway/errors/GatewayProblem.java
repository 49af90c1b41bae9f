package org.creativelabs.gateway.errors;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A problem the gateway answers itself: a stable type ({@code urn:problem:<type>}) and a title and detail looked up in
 * the caller's language ({@code gateway-messages*.properties}: {@code problem.<type>.title}, {@code problem.<type>}).
 */
public class GatewayProblem extends ErrorResponseException {

    private final String type;
    private final Object[] arguments;

    public GatewayProblem(HttpStatus status, String type, Object... arguments) {
        this(status, type, new HttpHeaders(), arguments);
    }

    public GatewayProblem(HttpStatus status, String type, HttpHeaders headers, Object... arguments) {
        super(status, problem(status, type), null);
        this.type = type;
        this.arguments = arguments;
        getHeaders().putAll(headers);
    }

    private static ProblemDetail problem(HttpStatus status, String type) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("urn:problem:" + type));
        return problem;
    }

    public String type() {
        return type;
    }

    public Object[] arguments() {
        return arguments;
    }
}
