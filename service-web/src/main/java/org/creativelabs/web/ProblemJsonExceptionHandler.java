package org.creativelabs.web;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The base of each servlet service's exception handler: every problem leaves as {@code application/problem+json},
 * whatever the request's {@code Accept} said (a preset Content-Type skips content negotiation), so a client that asked
 * for XML still learns what went wrong.
 */
public abstract class ProblemJsonExceptionHandler extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        if (headers != null) {
            problemHeaders.putAll(headers);
        }
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(ex, body, problemHeaders, statusCode, request);
    }

    /** A body over its limit ({@link RequestBodyLimits}), however it surfaced: 413. */
    @ExceptionHandler(RequestBodyLimits.BodyTooLargeException.class)
    protected ResponseEntity<Object> bodyTooLarge(RequestBodyLimits.BodyTooLargeException ex) {
        return problem(bodyTooLargeProblem(ex.limit()));
    }

    /** The 413 problem for a body over {@code limit} bytes; services that speak several languages say it in theirs. */
    protected ProblemDetail bodyTooLargeProblem(long limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + limit / 1024 + " KB, the most this operation accepts.");
        problem.setType(URI.create("urn:problem:body-too-large"));
        problem.setTitle("Request too large");
        return problem;
    }

    /** A body that could not be read because it went over its limit is a 413, not a 400. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimits.BodyTooLargeException tooLarge) {
                return bodyTooLarge(tooLarge);
            }
        }
        return unreadable(ex, headers, status, request);
    }

    /** A body that is not what the operation reads (and not over its limit). */
    protected ResponseEntity<Object> unreadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    /** The problem as a response, problem+json whatever was asked for. */
    protected static ResponseEntity<Object> problem(ProblemDetail body) {
        return ResponseEntity.status(body.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
