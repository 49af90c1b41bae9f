package org.creativelabs.core.tenancy;

import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

class LabNotFoundException extends ErrorResponseException {

    LabNotFoundException(String lab) {
        super(HttpStatus.NOT_FOUND, Problems.problem(HttpStatus.NOT_FOUND, "Lab not found",
                "There is no lab '" + lab + "'.", "lab-not-found"), null);
    }
}
