package org.creativelabs.core.events;

import java.time.Instant;
import java.util.UUID;

/** A registration as staff see it: who, how to reach them, where in line, whether they came. */
record StaffRegistrationView(
        UUID id,
        String name,
        String contact,
        boolean hasAccount,
        UUID networkContactId,
        int seats,
        Registration.Status status,
        long position,
        Instant offeredUntil,
        Instant checkedInAt,
        String checkedInDevice,
        Instant registeredAt) {}
