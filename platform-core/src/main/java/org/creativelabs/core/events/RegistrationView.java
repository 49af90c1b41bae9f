package org.creativelabs.core.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A registration as its registrant sees it: {@code waitlistPlace} is their place in line (1 = next) while waitlisted,
 * and {@code checkInCode} the signed code they show at the door.
 */
record RegistrationView(
        UUID id,
        UUID eventId,
        String name,
        int seats,
        Registration.Status status,
        Long waitlistPlace,
        Instant offeredUntil,
        Instant checkedInAt,
        String checkInCode,
        Instant registeredAt) {}
