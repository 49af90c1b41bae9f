package org.creativelabs.core.spaces;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class SpaceNotFoundException extends ErrorResponseException {

    SpaceNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no space " + id + " in this lab.");
        problem.setTitle("Space not found");
        problem.setType(URI.create("urn:problem:space-not-found"));
        return problem;
    }
}
