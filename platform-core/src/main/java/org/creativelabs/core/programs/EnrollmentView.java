package org.creativelabs.core.programs;

import java.time.Instant;
import java.util.UUID;

/** An enrolment with its attendance so far and, once completed, its certificate. */
record EnrollmentView(
        UUID id,
        UUID cohortId,
        Enrollment.Status status,
        String motivation,
        long sessionsAttended,
        long sessions,
        String certificateNo,
        Instant completedAt,
        long version,
        Instant appliedAt) {}
