package org.creativelabs.core.spaces;

import java.time.Instant;
import java.util.UUID;

record BookingView(
        UUID id,
        UUID spaceId,
        UUID seriesId,
        Instant startsAt,
        Instant endsAt,
        Booking.Status status,
        String note,
        String bookedBy,
        boolean mine,
        long version,
        Instant createdAt,
        Instant cancelledAt) {}
