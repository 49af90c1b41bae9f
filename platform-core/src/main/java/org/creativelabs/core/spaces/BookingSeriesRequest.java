package org.creativelabs.core.spaces;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The first slot of a recurring booking, how often it repeats, and how many times in all (2 to 26). */
record BookingSeriesRequest(
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @NotNull BookingSeries.Frequency frequency,
        @NotNull @Min(2) @Max(26) Integer occurrences,
        @Size(max = 500) String note) {

    @AssertTrue(message = "must end after it starts, and last at most 12 hours") boolean isSlot() {
        return startsAt == null || endsAt == null || new Slot(startsAt, endsAt).isValid();
    }

    Slot firstSlot() {
        return new Slot(startsAt, endsAt);
    }
}
