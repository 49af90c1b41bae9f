package org.creativelabs.core.spaces;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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

    @Column(name = "opens_at")
    private LocalTime opensAt;

    @Column(name = "closes_at")
    private LocalTime closesAt;

    @Column(name = "hourly_price_kgs")
    private BigDecimal hourlyPriceKgs;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Space() {}

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
        this.opensAt = request.opensAtOrDefault();
        this.closesAt = request.closesAtOrDefault();
        this.hourlyPriceKgs = request.hourlyPriceKgs() == null ? BigDecimal.ZERO : request.hourlyPriceKgs();
        this.updatedAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    long version() {
        return version;
    }

    /** Whether [start, end) lies within one day's opening hours in the lab's time zone. */
    boolean isOpen(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime localStart = start.atZone(zone);
        ZonedDateTime localEnd = end.atZone(zone);
        boolean sameDay = localStart.toLocalDate().equals(localEnd.toLocalDate());
        return sameDay
                && !localStart.toLocalTime().isBefore(opensAt)
                && !localEnd.toLocalTime().isAfter(closesAt);
    }

    String openingHours() {
        return opensAt + "–" + closesAt;
    }

    SpaceView view() {
        return new SpaceView(
                id,
                name,
                kind,
                capacity,
                description,
                opensAt,
                closesAt,
                hourlyPriceKgs,
                version,
                createdAt,
                updatedAt);
    }
}
