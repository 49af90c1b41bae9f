package org.creativelabs.admin.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A provisioning job as coordinators follow it. */
record JobView(
        UUID id,
        UUID labId,
        String slug,
        String status,
        int attempts,
        String error,
        Instant createdAt,
        Instant finishedAt,
        List<StepView> steps) {

    record StepView(ProvisioningStep step, String status, Instant startedAt, Instant finishedAt, String error) {}

    boolean finished() {
        return status.equals("SUCCEEDED") || status.equals("FAILED");
    }
}
