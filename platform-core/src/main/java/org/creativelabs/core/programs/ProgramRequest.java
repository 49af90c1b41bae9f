package org.creativelabs.core.programs;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A program as staff send it and as a template carries it: completion needs {@code completionPercent} of the cohort's
 * sessions attended (default 80); {@code mentorHoursCap} limits a mentor's hours per mentee in a cohort (none: no cap).
 */
record ProgramRequest(
        @NotBlank @Size(max = 200) String title,
        @NotNull Program.Kind kind,
        @Size(max = 4000) String description,
        @NotNull Program.Enrolment enrolment,
        @Min(1) @Max(100) Integer completionPercent,

        @DecimalMin(value = "0.5") @Digits(integer = 3, fraction = 2) BigDecimal mentorHoursCap,

        Long version) {

    int completionPercentOrDefault() {
        return completionPercent == null ? 80 : completionPercent;
    }
}
