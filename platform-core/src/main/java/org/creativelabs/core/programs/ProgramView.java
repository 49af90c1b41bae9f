package org.creativelabs.core.programs;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

record ProgramView(
        UUID id,
        String title,
        Program.Kind kind,
        String description,
        Program.Enrolment enrolment,
        int completionPercent,
        BigDecimal mentorHoursCap,
        long version,
        List<CohortView> cohorts) {}
