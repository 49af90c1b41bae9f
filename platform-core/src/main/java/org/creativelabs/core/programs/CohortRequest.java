package org.creativelabs.core.programs;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

record CohortRequest(
        @NotBlank @Size(max = 120) String name,
        @NotNull LocalDate startsOn,
        @NotNull LocalDate endsOn,
        @NotNull @Min(1) @Max(1000) Integer capacity) {

    @AssertTrue(message = "must end on or after its first day") boolean isCohortDates() {
        return startsOn == null || endsOn == null || !endsOn.isBefore(startsOn);
    }
}
