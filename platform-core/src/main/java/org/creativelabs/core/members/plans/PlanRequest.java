package org.creativelabs.core.members.plans;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** A membership plan; no {@code monthlyBookingHours} means bookings without limit. {@code version} when updating. */
record PlanRequest(
        @NotBlank @Size(max = 120) String name,
        @Size(max = 2000) String description,
        @Min(0) @Max(744) Integer monthlyBookingHours,
        @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal monthlyFeeKgs,
        Boolean active,
        Long version) {}
