package org.creativelabs.core.spaces;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface BookingRepository extends JpaRepository<Booking, UUID> {

    @Query("""
            SELECT b FROM Booking b WHERE b.spaceId = :spaceId AND b.status = 'CONFIRMED'
            AND b.startsAt < :to AND b.endsAt > :from ORDER BY b.startsAt""")
    List<Booking> findConfirmed(UUID spaceId, Instant from, Instant to);

    /** A person's bookings that start in [from, to), cancelled ones included. */
    @Query(
            "SELECT b FROM Booking b WHERE b.bookedBy = :subject AND b.startsAt >= :from AND b.startsAt < :to ORDER BY b.startsAt")
    List<Booking> findBookedBy(String subject, Instant from, Instant to);

    List<Booking> findByBookedByOrderByStartsAt(String subject);

    List<Booking> findBySeriesIdOrderByStartsAt(UUID seriesId);

    /** Minutes of confirmed bookings a person has that start in [from, to): what their allowance has spent. */
    @Query(value = """
            SELECT coalesce(sum(extract(epoch FROM ends_at - starts_at)) / 60, 0)::bigint FROM booking
            WHERE booked_by = :subject AND status = 'CONFIRMED' AND starts_at >= :from AND starts_at < :to""", nativeQuery = true)
    long bookedMinutes(String subject, Instant from, Instant to);

    @Modifying
    @Transactional
    @Query("UPDATE Booking b SET b.bookedBy = :pseudonym, b.note = null WHERE b.bookedBy = :subject")
    int pseudonymise(String subject, String pseudonym);

    @Modifying
    @Transactional
    @Query("""
            UPDATE Booking b SET b.status = 'CANCELLED', b.cancelledAt = :now
            WHERE b.bookedBy = :subject AND b.status = 'CONFIRMED' AND b.startsAt > :now""")
    int cancelUpcoming(String subject, Instant now);
}
