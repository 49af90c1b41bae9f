package org.creativelabs.core.events;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface LabEventRepository extends JpaRepository<LabEvent, UUID> {

    /** The event, locked until the transaction ends: every change of its line goes through this, one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT e FROM LabEvent e WHERE e.id = :id")
    Optional<LabEvent> lock(UUID id);

    @Query("SELECT e FROM LabEvent e WHERE e.listed AND e.status = 'SCHEDULED' AND e.endsAt > :now")
    Page<LabEvent> findUpcomingListed(Instant now, Pageable pageable);

    @Query("SELECT e FROM LabEvent e WHERE e.endsAt > :from")
    Page<LabEvent> findEndingAfter(Instant from, Pageable pageable);
}
