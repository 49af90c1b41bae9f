package org.creativelabs.admin.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.creativelabs.web.ProblemJsonExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

/**
 * Every error tenant-admin answers is {@code application/problem+json}, whatever the request's {@code Accept} said: MVC's
 * own errors, 401 and 403, input the container could not decode (400), anything unexpected (500, logged), and errors the
 * servlet container forwards to {@code /error}.
 */
@RestControllerAdvice
class ApiProblems extends ProblemJsonExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException ex) {
        return problem(Problems.problem(
                HttpStatus.UNAUTHORIZED, "unauthorized", "A valid access token for this platform is required."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException ex) {
        return problem(Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Your account may not do this."));
    }

    @ExceptionHandler({InvalidParameterException.class, MultipartException.class})
    ResponseEntity<Object> malformed(Exception ex) {
        return problem(
                Problems.problem(
                        HttpStatus.BAD_REQUEST,
                        "malformed-request",
                        "The request is malformed: check the URL encoding of its path and parameters and the format of its body."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        if (ex instanceof ErrorResponse known) {
            return problem(known.getBody());
        }
        log.error("Unexpected error", ex);
        return problem(Problems.problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Something went wrong on our side; it has been logged."));
    }

    /** Errors raised outside Spring MVC (by the servlet container or the security filters' firewall). */
    @RestController
    static class ErrorPage implements ErrorController {

        @RequestMapping("${server.error.path:/error}")
        ResponseEntity<Object> error(HttpServletRequest request) {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            // Called directly, not forwarded for an error: there is no such page.
            HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null
                    ? HttpStatus.resolve(c)
                    : HttpStatus.NOT_FOUND;
            return problem(
                    status.is5xxServerError()
                            ? Problems.problem(
                                    status, "internal-error", "Something went wrong on our side; it has been logged.")
                            : Problems.problem(
                                    status,
                                    status.name().toLowerCase().replace('_', '-'),
                                    status.getReasonPhrase() + "."));
        }
    }
}
