package org.creativelabs.core.spaces;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A slot to book: [startsAt, endsAt), at most 12 hours, within the space's opening hours. */
record BookingRequest(
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @Size(max = 500) String note) {

    @AssertTrue(message = "must end after it starts, and last at most 12 hours") boolean isSlot() {
        return startsAt == null || endsAt == null || new Slot(startsAt, endsAt).isValid();
    }

    Slot slot() {
        return new Slot(startsAt, endsAt);
    }
}
