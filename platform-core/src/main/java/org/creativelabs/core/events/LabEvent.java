package org.creativelabs.core.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** An event of the lab: a workshop, a talk, an open day. Public ones are listed without a token. */
@Entity
@Table(name = "lab_event")
class LabEvent {

    enum Status {
        SCHEDULED,
        CANCELLED
    }

    @Id
    private UUID id;

    private String title;

    private String description;

    private String format;

    @Column(name = "starts_at")
    private Instant startsAt;

    @Column(name = "ends_at")
    private Instant endsAt;

    private String place;

    @Column(name = "space_id")
    private UUID spaceId;

    private int capacity;

    @Column(name = "max_group_size")
    private int maxGroupSize;

    @Column(name = "claim_window_minutes")
    private int claimWindowMinutes;

    private boolean listed;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;

    /** Only the desk's single UPDATE advances it, so an edit of the event never writes back a stale value. */
    @Column(name = "next_position", updatable = false)
    private long nextPosition;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected LabEvent() {}

    LabEvent(EventRequest request) {
        this.id = UUID.randomUUID();
        this.status = Status.SCHEDULED;
        this.nextPosition = 1;
        this.createdAt = Instant.now();
        apply(request);
    }

    void apply(EventRequest request) {
        this.title = request.title();
        this.description = request.description();
        this.format = request.format();
        this.startsAt = request.startsAt();
        this.endsAt = request.endsAt();
        this.place = request.place();
        this.spaceId = request.spaceId();
        this.capacity = request.capacity();
        this.maxGroupSize = request.maxGroupSizeOrDefault();
        this.claimWindowMinutes = request.claimWindowMinutesOrDefault();
        this.listed = request.listedOrDefault();
        this.updatedAt = Instant.now();
    }

    void cancel() {
        this.status = Status.CANCELLED;
        this.updatedAt = Instant.now();
    }

    /** Registrations are open until the event starts, unless it was cancelled. */
    boolean openForRegistration(Instant now) {
        return status == Status.SCHEDULED && now.isBefore(startsAt);
    }

    boolean publiclyVisible() {
        return listed && status == Status.SCHEDULED;
    }

    UUID id() {
        return id;
    }

    int capacity() {
        return capacity;
    }

    int maxGroupSize() {
        return maxGroupSize;
    }

    int claimWindowMinutes() {
        return claimWindowMinutes;
    }

    long version() {
        return version;
    }

    Instant startsAt() {
        return startsAt;
    }

    String title() {
        return title;
    }

    EventView view(Seats seats) {
        return new EventView(
                id,
                title,
                description,
                format,
                startsAt,
                endsAt,
                place,
                spaceId,
                capacity,
                maxGroupSize,
                claimWindowMinutes,
                listed,
                status,
                Math.max(0, capacity - seats.taken()),
                seats.waitlisted(),
                version);
    }

    /** Seats held (confirmed or offered) and seats waiting in line. */
    record Seats(long taken, long waitlisted) {}
}
