package org.creativelabs.core.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problem details with a stable {@code urn:problem:<type>} that clients can switch on. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail, String type) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("urn:problem:" + type));
        return problem;
    }

    /** A 400 naming the field, in the same shape as Bean Validation's errors, for rules that need the database. */
    public static ErrorResponseException invalidField(String field, String message) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message, "invalid-request");
        problem.setProperty("errors", java.util.List.of(java.util.Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** An exception Spring MVC renders as that problem, with that status. */
    public static ErrorResponseException exception(HttpStatus status, String title, String detail, String type) {
        return new ErrorResponseException(status, problem(status, title, detail, type), null);
    }
}
