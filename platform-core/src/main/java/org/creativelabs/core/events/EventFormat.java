package org.creativelabs.core.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A kind of event the lab runs (an open day, a talk, a workshop), with its usual length and seats. */
@Entity
@Table(name = "event_format")
class EventFormat {

    @Id
    private UUID id;

    private String name;

    private String description;

    @Column(name = "duration_minutes")
    private int durationMinutes;

    private int capacity;

    @Column(name = "max_group_size")
    private int maxGroupSize;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    protected EventFormat() {}

    EventFormat(EventFormatRequest request) {
        this.id = UUID.randomUUID();
        this.name = request.name();
        this.description = request.description();
        this.durationMinutes = request.durationMinutes();
        this.capacity = request.capacity();
        this.maxGroupSize = request.maxGroupSizeOrDefault();
        this.createdAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    EventFormatRequest request() {
        return new EventFormatRequest(name, description, durationMinutes, capacity, maxGroupSize);
    }

    EventFormatView view() {
        return new EventFormatView(id, name, description, durationMinutes, capacity, maxGroupSize);
    }
}
