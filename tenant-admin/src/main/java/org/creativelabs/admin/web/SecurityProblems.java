package org.creativelabs.admin.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 401 and 403 as problem+json (other MVC errors are problem details through spring.mvc.problemdetails). */
@RestControllerAdvice
class SecurityProblems {

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail unauthenticated(AuthenticationException ex) {
        return Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid access token for this platform is required.");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException ex) {
        return Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Your account may not do this.");
    }
}
