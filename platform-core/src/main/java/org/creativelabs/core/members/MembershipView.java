package org.creativelabs.core.members;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

record MembershipView(UUID id, String subject, Set<LabRole> roles, boolean active, long version, Instant createdAt,
        Instant updatedAt) {
}
