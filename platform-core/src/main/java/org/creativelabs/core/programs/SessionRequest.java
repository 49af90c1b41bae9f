package org.creativelabs.core.programs;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

record SessionRequest(
        @NotBlank @Size(max = 200) String title,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        UUID spaceId,
        @Size(max = 200) String place) {

    @AssertTrue(message = "must end after it starts") boolean isSessionTimes() {
        return startsAt == null || endsAt == null || endsAt.isAfter(startsAt);
    }
}
