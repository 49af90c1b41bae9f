package org.creativelabs.core.events;

import java.time.Instant;
import java.util.UUID;

/** A network contact as staff see it. */
record NetworkContactView(
        UUID id,
        String displayName,
        String contact,
        String consentWording,
        Instant consentedAt,
        String ambassadorRole,
        Instant ambassadorSince,
        Instant erasedAt,
        long version) {}
