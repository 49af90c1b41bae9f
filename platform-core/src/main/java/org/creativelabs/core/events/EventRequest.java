package org.creativelabs.core.events;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as staff send it; {@code version} is required when updating. A group registration takes at most
 * {@code maxGroupSize} seats (default 5); a seat offered from the waitlist is held for {@code claimWindowMinutes}
 * (default a day); {@code listed} events (the default) appear on the lab's public pages.
 */
record EventRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 4000) String description,
        @Size(max = 120) String format,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @Size(max = 200) String place,
        UUID spaceId,
        @NotNull @Min(1) @Max(10000) Integer capacity,
        @Min(1) @Max(20) Integer maxGroupSize,
        @Min(5) @Max(10080) Integer claimWindowMinutes,
        Boolean listed,
        Long version) {

    int maxGroupSizeOrDefault() {
        return maxGroupSize == null ? 5 : maxGroupSize;
    }

    int claimWindowMinutesOrDefault() {
        return claimWindowMinutes == null ? 24 * 60 : claimWindowMinutes;
    }

    boolean listedOrDefault() {
        return listed == null || listed;
    }

    @AssertTrue(message = "must end after it starts") boolean isEventTimes() {
        return startsAt == null || endsAt == null || endsAt.isAfter(startsAt);
    }
}
