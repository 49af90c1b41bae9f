package org.creativelabs.core.tenancy;

import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

public class InvalidLabSlugException extends ErrorResponseException {

    InvalidLabSlugException(String detail) {
        super(HttpStatus.BAD_REQUEST, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "Invalid lab slug", detail, "invalid-lab-slug");
        problem.setProperty("field", "slug");
        return problem;
    }
}
