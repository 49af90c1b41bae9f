package org.creativelabs.core.tenancy;

import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;

/** The lab exists but does not serve now (being provisioned, suspended or archived): 423. */
public class LabNotServingException extends Problems.Problem {

    LabNotServingException(String slug) {
        super(HttpStatus.LOCKED, "lab-not-serving", "lab-not-serving", slug);
    }
}
