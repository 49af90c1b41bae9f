package org.creativelabs.core.programs;

import java.time.Instant;
import java.util.UUID;

record SessionView(
        UUID id, UUID cohortId, String title, Instant startsAt, Instant endsAt, UUID spaceId, String place) {}
