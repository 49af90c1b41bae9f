package org.creativelabs.core.tenancy;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 423 Locked: the lab exists but is suspended, archived, or not yet live. Its data is kept. */
class LabNotServingException extends ErrorResponseException {

    LabNotServingException(String slug) {
        super(HttpStatus.LOCKED, problem(slug), null);
    }

    private static ProblemDetail problem(String slug) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.LOCKED,
                "The lab '" + slug + "' is not open at the moment.");
        problem.setTitle("Lab not serving");
        problem.setType(URI.create("urn:problem:lab-not-serving"));
        return problem;
    }
}
