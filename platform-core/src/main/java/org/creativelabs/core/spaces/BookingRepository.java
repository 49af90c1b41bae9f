package org.creativelabs.core.spaces;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface BookingRepository extends JpaRepository<Booking, UUID> {

    @Query("""
            SELECT b FROM Booking b WHERE b.spaceId = :spaceId AND b.status = 'CONFIRMED'
            AND b.startsAt < :to AND b.endsAt > :from ORDER BY b.startsAt""")
    List<Booking> findConfirmed(UUID spaceId, Instant from, Instant to);
}
