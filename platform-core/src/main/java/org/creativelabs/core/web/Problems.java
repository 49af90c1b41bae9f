package org.creativelabs.core.web;

import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * RFC 9457 problem details with a stable {@code urn:problem:<type>} that clients can switch on. Titles and details
 * live in {@code messages*.properties} (English, Russian, Kyrgyz, Uzbek) and are chosen by the request's
 * {@code Accept-Language} when the problem is rendered: {@code problem.<type>.title} and {@code problem.<message>}.
 */
public final class Problems {

    private Problems() {}

    /** A problem of this type whose detail is the message {@code problem.<type>}, filled with {@code args}. */
    public static Problem of(HttpStatus status, String type, Object... args) {
        return new Problem(status, type, type, args);
    }

    /** A problem of this type with one of its several details, the message {@code problem.<message>}. */
    public static Problem withMessage(HttpStatus status, String type, String message, Object... args) {
        return new Problem(status, type, message, args);
    }

    /**
     * A 400 naming the field, in the same shape as Bean Validation's errors, for rules that need the database; the
     * field's message is {@code field.<message>}.
     */
    public static Problem invalidField(String field, String message, Object... args) {
        Problem problem = new Problem(HttpStatus.BAD_REQUEST, "invalid-request", "invalid-field", new Object[] {
            field, new DefaultMessageSourceResolvable(new String[] {"field." + message}, args)
        });
        problem.field = field;
        problem.fieldMessage = new DefaultMessageSourceResolvable(new String[] {"field." + message}, args);
        return problem;
    }

    /** An exception Spring MVC renders as a problem in the caller's language. */
    public static class Problem extends ErrorResponseException {

        private final String type;
        private String field;
        private DefaultMessageSourceResolvable fieldMessage;

        protected Problem(HttpStatus status, String type, String message, Object... args) {
            super(status, body(status, type), null, "problem." + message, args);
            this.type = type;
        }

        private static ProblemDetail body(HttpStatus status, String type) {
            ProblemDetail problem = ProblemDetail.forStatus(status);
            problem.setType(URI.create("urn:problem:" + type));
            return problem;
        }

        @Override
        public String getTitleMessageCode() {
            return "problem." + type + ".title";
        }

        /** Adds a property to the problem (e.g. the conflicting slots). */
        public Problem with(String name, Object value) {
            getBody().setProperty(name, value);
            return this;
        }

        /** The problem in this language, for handlers that return a {@link ProblemDetail} themselves. */
        public ProblemDetail in(MessageSource messages, Locale locale) {
            ProblemDetail body = updateAndGetBody(messages, locale);
            if (field != null) {
                body.setProperty(
                        "errors",
                        java.util.List.of(java.util.Map.of(
                                "field", field, "message", messages.getMessage(fieldMessage, locale))));
            }
            return body;
        }
    }
}
