package org.creativelabs.core.tenancy;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class LabNotFoundException extends ErrorResponseException {

    LabNotFoundException(String lab) {
        super(HttpStatus.NOT_FOUND, problem(lab), null);
    }

    private static ProblemDetail problem(String lab) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no lab '" + lab + "'.");
        problem.setTitle("Lab not found");
        problem.setType(URI.create("urn:problem:lab-not-found"));
        return problem;
    }
}
