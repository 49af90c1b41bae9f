package org.creativelabs.admin.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problem details with a stable {@code urn:problem:<type>}, as platform-core answers them. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setType(URI.create("urn:problem:" + type));
        return problem;
    }

    /** An exception Spring MVC renders as that problem, with extra properties (e.g. the {@code field} at fault). */
    public static ErrorResponseException exception(
            HttpStatus status, String type, String detail, Map<String, Object> properties) {
        ProblemDetail problem = problem(status, type, detail);
        properties.forEach(problem::setProperty);
        return new ErrorResponseException(status, problem, null);
    }

    public static ErrorResponseException exception(HttpStatus status, String type, String detail) {
        return exception(status, type, detail, Map.of());
    }
}
