package org.creativelabs.core.programs;

import java.time.LocalDate;
import java.util.UUID;

/** A cohort with the seats its enrolled members leave. */
record CohortView(
        UUID id, UUID programId, String name, LocalDate startsOn, LocalDate endsOn, int capacity, long seatsLeft) {}
