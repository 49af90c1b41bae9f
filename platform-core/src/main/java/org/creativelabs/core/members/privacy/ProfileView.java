package org.creativelabs.core.members.privacy;

import java.time.Instant;
import java.util.UUID;

record ProfileView(
        UUID membershipId,
        String displayName,
        String email,
        String phone,
        String craft,
        String bio,
        MemberProfile.Visibility visibility,
        long version,
        Instant updatedAt) {}
