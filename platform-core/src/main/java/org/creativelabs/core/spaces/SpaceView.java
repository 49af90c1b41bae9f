package org.creativelabs.core.spaces;

import java.time.Instant;
import java.util.UUID;

record SpaceView(UUID id, String name, SpaceKind kind, int capacity, String description, long version,
        Instant createdAt, Instant updatedAt) {
}
