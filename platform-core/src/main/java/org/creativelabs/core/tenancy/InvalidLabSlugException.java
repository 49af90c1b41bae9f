package org.creativelabs.core.tenancy;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

public class InvalidLabSlugException extends ErrorResponseException {

    InvalidLabSlugException(String detail) {
        super(HttpStatus.BAD_REQUEST, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid lab slug");
        problem.setType(URI.create("urn:problem:invalid-lab-slug"));
        problem.setProperty("field", "slug");
        return problem;
    }
}
