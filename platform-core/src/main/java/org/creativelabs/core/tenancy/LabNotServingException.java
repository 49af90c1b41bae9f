package org.creativelabs.core.tenancy;

import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 423 Locked: the lab exists but is suspended, archived, or not yet live. Its data is kept. */
class LabNotServingException extends ErrorResponseException {

    LabNotServingException(String slug) {
        super(HttpStatus.LOCKED, Problems.problem(HttpStatus.LOCKED, "Lab not serving",
                "The lab '" + slug + "' is not open at the moment.", "lab-not-serving"), null);
    }
}
