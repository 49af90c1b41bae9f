package org.creativelabs.core.tenancy;

import java.util.Optional;
import org.springframework.core.task.TaskDecorator;
import org.springframework.stereotype.Component;

/** Carries the caller's lab into {@code @Async} work, and leaves the pooled thread with no lab afterwards. */
@Component
class TenantTaskDecorator implements TaskDecorator {

    @Override
    public Runnable decorate(Runnable task) {
        Optional<Lab> lab = TenantContext.current();
        return () -> {
            try {
                if (lab.isPresent()) {
                    TenantContext.runAs(lab.get(), task);
                } else {
                    task.run();
                }
            } finally {
                TenantContext.clear();
            }
        };
    }
}
