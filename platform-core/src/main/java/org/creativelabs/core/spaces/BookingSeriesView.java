package org.creativelabs.core.spaces;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

record BookingSeriesView(
        UUID id,
        UUID spaceId,
        BookingSeries.Frequency frequency,
        int occurrences,
        Instant createdAt,
        List<BookingView> bookings) {}
