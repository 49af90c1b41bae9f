package org.creativelabs.core.members.plans;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

record PlanView(
        UUID id,
        String name,
        String description,
        Integer monthlyBookingHours,
        BigDecimal monthlyFeeKgs,
        boolean active,
        long version,
        Instant createdAt) {}
