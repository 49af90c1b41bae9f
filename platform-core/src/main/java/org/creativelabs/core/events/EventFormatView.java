package org.creativelabs.core.events;

import java.util.UUID;

record EventFormatView(UUID id, String name, String description, int durationMinutes, int capacity, int maxGroupSize) {}
