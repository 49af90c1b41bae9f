package org.creativelabs.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The most bytes a handler accepts in a request body, where it needs more than the default
 * ({@code platform.web.max-body-size}, 64 KB). Enforced by {@link RequestBodyLimits} before the body is buffered.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface BodyLimit {

    int bytes();
}
