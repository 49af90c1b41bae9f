package org.creativelabs.core.tenancy;

import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;

public class LabNotFoundException extends Problems.Problem {

    public LabNotFoundException(String lab) {
        super(HttpStatus.NOT_FOUND, "lab-not-found", "lab-not-found", lab);
    }
}
