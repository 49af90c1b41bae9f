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

/** A space booked for [startsAt, endsAt). PostgreSQL refuses overlapping confirmed bookings of one space. */
@Entity
@Table(name = "booking")
class Booking {

    enum Status {
        CONFIRMED,
        CANCELLED
    }

    @Id
    private UUID id;

    @Column(name = "space_id")
    private UUID spaceId;

    @Column(name = "booked_by")
    private String bookedBy;

    @Column(name = "starts_at")
    private Instant startsAt;

    @Column(name = "ends_at")
    private Instant endsAt;

    @Enumerated(EnumType.STRING)
    private Status status;

    private String note;

    @Column(name = "series_id")
    private UUID seriesId;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    protected Booking() {}

    Booking(UUID spaceId, String bookedBy, Slot slot, String note, UUID seriesId) {
        this.id = UUID.randomUUID();
        this.spaceId = spaceId;
        this.bookedBy = bookedBy;
        this.startsAt = slot.startsAt();
        this.endsAt = slot.endsAt();
        this.note = note;
        this.seriesId = seriesId;
        this.status = Status.CONFIRMED;
        this.createdAt = Instant.now();
    }

    void cancel() {
        if (status == Status.CONFIRMED) {
            status = Status.CANCELLED;
            cancelledAt = Instant.now();
        }
    }

    boolean confirmed() {
        return status == Status.CONFIRMED;
    }

    boolean hasStarted(Instant now) {
        return !startsAt.isAfter(now);
    }

    UUID id() {
        return id;
    }

    String bookedBy() {
        return bookedBy;
    }

    /** Who booked is shown to staff only; others see whether it is their own booking. */
    BookingView view(String viewer, boolean staff) {
        boolean mine = bookedBy.equals(viewer);
        return new BookingView(
                id,
                spaceId,
                seriesId,
                startsAt,
                endsAt,
                status,
                mine || staff ? note : null,
                staff ? bookedBy : null,
                mine,
                version,
                createdAt,
                cancelledAt);
    }
}
