package org.creativelabs.core.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The properties a paginated list may be sorted by, on its {@code Pageable} parameter. Anything else in {@code sort}
 * is a 400: sorting by a field a list hides (an e-mail in the directory) would let repeated probes reveal it.
 * A {@code Pageable} without this annotation takes no {@code sort} at all ({@link SortAllowList}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface SortableBy {

    String[] value();
}
