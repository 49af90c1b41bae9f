package org.creativelabs.core.members;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

public record MembershipView(
        UUID id,
        String subject,
        Set<LabRole> roles,
        UUID planId,
        boolean active,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant erasedAt) {}
