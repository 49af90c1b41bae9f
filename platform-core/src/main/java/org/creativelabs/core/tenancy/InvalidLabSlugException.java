package org.creativelabs.core.tenancy;

import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;

/** A lab slug that cannot name a lab; the problem names the field {@code slug} and says why. */
public class InvalidLabSlugException extends Problems.Problem {

    InvalidLabSlugException(String reason, String slug) {
        super(HttpStatus.BAD_REQUEST, "invalid-lab-slug", "invalid-lab-slug." + reason, slug);
        with("field", "slug");
    }
}
