package org.creativelabs.core.spaces;

import java.util.UUID;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

class SpaceNotFoundException extends ErrorResponseException {

    SpaceNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, Problems.problem(HttpStatus.NOT_FOUND, "Space not found",
                "There is no space " + id + " in this lab.", "space-not-found"), null);
    }
}
