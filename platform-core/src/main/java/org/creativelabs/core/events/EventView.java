package org.creativelabs.core.events;

import java.time.Instant;
import java.util.UUID;

/** An event as anyone may see it: no registrant is named here. */
record EventView(
        UUID id,
        String title,
        String description,
        String format,
        Instant startsAt,
        Instant endsAt,
        String place,
        UUID spaceId,
        int capacity,
        int maxGroupSize,
        int claimWindowMinutes,
        boolean listed,
        LabEvent.Status status,
        long seatsLeft,
        long waitlistedSeats,
        long version) {}
