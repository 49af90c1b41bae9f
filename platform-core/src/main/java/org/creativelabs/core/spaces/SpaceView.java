package org.creativelabs.core.spaces;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

record SpaceView(
        UUID id,
        String name,
        SpaceKind kind,
        int capacity,
        String description,
        LocalTime opensAt,
        LocalTime closesAt,
        BigDecimal hourlyPriceKgs,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
