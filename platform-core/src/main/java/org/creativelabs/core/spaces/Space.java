package org.creativelabs.core.spaces;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A room, desk, studio or piece of equipment the lab offers. */
@Entity
@Table(name = "space")
class Space {

    @Id
    private UUID id;

    private String name;

    @Enumerated(EnumType.STRING)
    private SpaceKind kind;

    private int capacity;

    private String description;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Space() {
    }

    Space(SpaceRequest request) {
        this.id = UUID.randomUUID();
        this.createdAt = Instant.now();
        apply(request);
    }

    void apply(SpaceRequest request) {
        this.name = request.name().strip();
        this.kind = request.kind();
        this.capacity = request.capacity();
        this.description = request.description();
        this.updatedAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    long version() {
        return version;
    }

    SpaceView view() {
        return new SpaceView(id, name, kind, capacity, description, version, createdAt, updatedAt);
    }
}
