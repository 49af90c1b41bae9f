package org.creativelabs.core.web;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.creativelabs.web.ProblemJsonExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import tools.jackson.databind.DatabindException;

/**
 * Every error leaves as {@code application/problem+json} with a message a client can act on, in the caller's language
 * (its chosen {@code lang}, else {@code Accept-Language}: English, Russian, Kyrgyz, Uzbek); invalid input is a 4xx that names the field, never a
 * 500. Constraint violations from PostgreSQL map by SQLSTATE.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ProblemJsonExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final String signInPath;

    ApiExceptionHandler(@Value("${platform.security.sign-in-path:/login}") String signInPath) {
        this.signInPath = signInPath;
    }

    @Override
    protected ResponseEntity<Object> handleErrorResponseException(
            ErrorResponseException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof Problems.Problem problem) {
            return handleExceptionInternal(ex, problem.in(messages(), locale()), headers, status, request);
        }
        return super.handleErrorResponseException(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> Map.of("field", e.getField(), "message", messages().getMessage(e, locale())))
                .toList();
        return problem(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(e -> Map.of(
                                "field", String.valueOf(r.getMethodParameter().getParameterName()),
                                "message", messages().getMessage(e, locale()))))
                .toList();
        return problem(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> unreadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof DatabindException databind
                && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return problem(Problems.invalidField(field, "wrong-type").in(messages(), locale()));
        }
        return problem(localized(HttpStatus.BAD_REQUEST, "unreadable-request"));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field =
                ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        return problem(
                Problems.invalidField(String.valueOf(field), "wrong-type").in(messages(), locale()));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> staleVersion(OptimisticLockingFailureException ex) {
        return problem(localized(HttpStatus.CONFLICT, "stale-version"));
    }

    @Override
    protected ProblemDetail bodyTooLargeProblem(long limit) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", limit / 1024)
                .in(messages(), locale());
    }

    /** A query parameter or multipart body the container could not decode: the client's mistake, never a 500. */
    @ExceptionHandler({InvalidParameterException.class, MultipartException.class})
    ResponseEntity<Object> malformed(Exception ex) {
        return problem(localized(HttpStatus.BAD_REQUEST, "malformed-request"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> constraintViolated(DataIntegrityViolationException ex) {
        String state = sqlState(ex);
        if ("23505".equals(state) || "23P01".equals(state)) {
            return problem(localized(HttpStatus.CONFLICT, "conflict"));
        }
        if ("23503".equals(state)) {
            return problem(localized(HttpStatus.CONFLICT, "in-use"));
        }
        log.info(
                "Rejected by a database constraint ({}): {}",
                state,
                ex.getMostSpecificCause().getMessage());
        return problem(Problems.withMessage(HttpStatus.BAD_REQUEST, "invalid-request", "invalid-request.database-rule")
                .in(messages(), locale()));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException ex) {
        return problem(localized(HttpStatus.UNAUTHORIZED, "unauthorized"));
    }

    /**
     * Refused: with an account, 403. Without one, 401; a browser asking for a page (GET, HTML) is sent to sign in
     * instead ({@code platform.security.sign-in-path}, the gateway's {@code /login}).
     */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException ex, jakarta.servlet.http.HttpServletRequest request) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken) {
            return problem(localized(HttpStatus.FORBIDDEN, "forbidden"));
        }
        String accept = request.getHeader("Accept");
        if ("GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(java.net.URI.create(signInPath))
                    .build();
        }
        return problem(localized(HttpStatus.UNAUTHORIZED, "unauthorized"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        // A problem raised deep down and wrapped on its way up (a transaction that could not begin because the lab
        // stopped serving, inside an access check): the problem, not a 500.
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof Problems.Problem problem) {
                return problem(problem.in(messages(), locale()));
            }
        }
        log.error("Unexpected error", ex);
        return problem(localized(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error"));
    }

    /** One 400 for all field errors: the detail lists them, {@code errors} has one entry per field. */
    private ProblemDetail invalid(List<Map<String, String>> errors) {
        String fields = errors.stream()
                .map(e -> e.get("field") + ": " + e.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.withMessage(
                        HttpStatus.BAD_REQUEST, "invalid-request", "invalid-request.fields", fields)
                .in(messages(), locale());
        problem.setProperty("errors", errors);
        return problem;
    }

    private ProblemDetail localized(HttpStatus status, String type) {
        return Problems.of(status, type).in(messages(), locale());
    }

    private MessageSource messages() {
        MessageSource messages = getMessageSource();
        if (messages == null) {
            throw new IllegalStateException("No MessageSource for problem messages");
        }
        return messages;
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private static String sqlState(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
