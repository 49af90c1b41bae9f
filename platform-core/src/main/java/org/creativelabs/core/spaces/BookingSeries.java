package org.creativelabs.core.spaces;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** A recurring booking: the same lab-local time every day or every week, booked whole or not at all. */
@Entity
@Table(name = "booking_series")
class BookingSeries {

    enum Frequency {
        DAILY(1),
        WEEKLY(7);

        private final int days;

        Frequency(int days) {
            this.days = days;
        }
    }

    @Id
    private UUID id;

    @Column(name = "space_id")
    private UUID spaceId;

    @Column(name = "booked_by")
    private String bookedBy;

    @Enumerated(EnumType.STRING)
    private Frequency frequency;

    private int occurrences;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    protected BookingSeries() {}

    BookingSeries(UUID spaceId, String bookedBy, Frequency frequency, int occurrences) {
        this.id = UUID.randomUUID();
        this.spaceId = spaceId;
        this.bookedBy = bookedBy;
        this.frequency = frequency;
        this.occurrences = occurrences;
        this.createdAt = Instant.now();
    }

    static List<Slot> slots(Slot first, Frequency frequency, int occurrences, ZoneId zone) {
        return IntStream.range(0, occurrences)
                .mapToObj(i -> first.plusDays((long) i * frequency.days, zone))
                .toList();
    }

    UUID id() {
        return id;
    }

    String bookedBy() {
        return bookedBy;
    }

    BookingSeriesView view(List<BookingView> bookings) {
        return new BookingSeriesView(id, spaceId, frequency, occurrences, createdAt, bookings);
    }
}
