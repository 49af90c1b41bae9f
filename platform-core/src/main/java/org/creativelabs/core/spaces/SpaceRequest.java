package org.creativelabs.core.spaces;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalTime;

/**
 * A space as a client sends it; {@code version} is required when updating (optimistic locking). Opening hours are
 * lab-local times (default 09:00–18:00); the price is per hour in som.
 */
record SpaceRequest(
        @NotBlank @Size(max = 120) String name,
        @NotNull SpaceKind kind,
        @NotNull @Min(1) @Max(500) Integer capacity,
        @Size(max = 2000) String description,
        LocalTime opensAt,
        LocalTime closesAt,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal hourlyPriceKgs,
        Long version) {

    static final LocalTime DEFAULT_OPENS = LocalTime.of(9, 0);
    static final LocalTime DEFAULT_CLOSES = LocalTime.of(18, 0);

    LocalTime opensAtOrDefault() {
        return opensAt == null ? DEFAULT_OPENS : opensAt;
    }

    LocalTime closesAtOrDefault() {
        return closesAt == null ? DEFAULT_CLOSES : closesAt;
    }

    @AssertTrue(message = "must open before it closes") boolean isOpeningHours() {
        return opensAtOrDefault().isBefore(closesAtOrDefault());
    }
}
