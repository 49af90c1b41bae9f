package org.creativelabs.core.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside Spring MVC (by the servlet container) are problem+json too, in the caller's language. */
@RestController
class ProblemErrorController implements ErrorController {

    private final MessageSource messages;

    ProblemErrorController(MessageSource messages) {
        this.messages = messages;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Called directly, not forwarded by the container for an error: there is no such page.
        HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : HttpStatus.NOT_FOUND;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Problems.Problem problem = status.is5xxServerError()
                ? Problems.of(status, "internal-error")
                : Problems.withMessage(
                        status, status.name().toLowerCase().replace('_', '-'), "http-error", status.value());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.in(messages, LocaleContextHolder.getLocale()));
    }
}
