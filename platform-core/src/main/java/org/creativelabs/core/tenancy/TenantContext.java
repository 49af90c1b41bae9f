package org.creativelabs.core.tenancy;

import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The lab the current thread works for. Set by {@link TenantContextFilter} for a request, carried into
 * {@code @Async} work by {@link TenantTaskDecorator}, and always cleared afterwards. The lab's slug is put
 * into the logging MDC under {@code lab}.
 */
public final class TenantContext {

    static final String MDC_KEY = "lab";

    private static final ThreadLocal<Lab> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    public static Optional<Lab> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static Lab require() {
        Lab lab = CURRENT.get();
        if (lab == null) {
            throw new NoLabBoundException("No lab is bound to this thread");
        }
        return lab;
    }

    /** Runs the work for the lab and restores whatever was bound before (a scheduled job, a test). */
    public static <T> T callAs(Lab lab, Supplier<T> work) {
        Lab previous = CURRENT.get();
        bind(lab);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    public static void runAs(Lab lab, Runnable work) {
        callAs(lab, () -> {
            work.run();
            return null;
        });
    }

    static void bind(Lab lab) {
        CURRENT.set(lab);
        MDC.put(MDC_KEY, lab.slug());
    }

    static void clear() {
        CURRENT.remove();
        MDC.remove(MDC_KEY);
    }

    private static void restore(Lab previous) {
        if (previous == null) {
            clear();
        } else {
            bind(previous);
        }
    }
}
