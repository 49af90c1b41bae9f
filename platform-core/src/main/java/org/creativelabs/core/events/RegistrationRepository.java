package org.creativelabs.core.events;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface RegistrationRepository extends JpaRepository<Registration, UUID> {

    Optional<Registration> findByIdAndEventId(UUID id, UUID eventId);

    /** The event's line: registrations in these states, by position. */
    List<Registration> findByEventIdAndStatusInOrderByPosition(UUID eventId, Collection<Registration.Status> statuses);

    Page<Registration> findByEventId(UUID eventId, Pageable pageable);

    @Query("SELECT r FROM Registration r WHERE r.eventId = :eventId AND r.personKey = :personKey"
            + " AND r.status IN :statuses")
    List<Registration> findLive(UUID eventId, String personKey, Collection<Registration.Status> statuses);

    Page<Registration> findByEventIdAndStatus(UUID eventId, Registration.Status status, Pageable pageable);

    List<Registration> findBySubjectOrderByCreatedAt(String subject);

    List<Registration> findByContactId(UUID contactId);

    /** Seats held (confirmed or offered) and seats waiting in line, for one event. */
    @Query("""
            SELECT new org.creativelabs.core.events.LabEvent$Seats(
              coalesce(sum(CASE WHEN r.status IN ('CONFIRMED', 'OFFERED') THEN r.seats ELSE 0 END), 0),
              coalesce(sum(CASE WHEN r.status = 'WAITLISTED' THEN r.seats ELSE 0 END), 0))
            FROM Registration r WHERE r.eventId = :eventId""")
    LabEvent.Seats seats(UUID eventId);

    /** Waiting registrations ahead of this position: a registrant's place in line is this plus one. */
    @Query("SELECT count(r) FROM Registration r WHERE r.eventId = :eventId AND r.status = 'WAITLISTED'"
            + " AND r.position < :position")
    long waitingAhead(UUID eventId, long position);

    /** Events with an offer whose claim window has passed. */
    @Query("SELECT DISTINCT r.eventId FROM Registration r WHERE r.status = 'OFFERED' AND r.offeredUntil <= :now")
    List<UUID> eventsWithLapsedOffers(Instant now);

    /** A registration by its ids alone, so nothing of it is loaded before its event is locked. */
    record Ids(UUID eventId, UUID registrationId) {}

    /** Live registrations, not checked in, for events still to come, of a subject or of a network contact. */
    @Query("""
            SELECT new org.creativelabs.core.events.RegistrationRepository$Ids(r.eventId, r.id)
            FROM Registration r, LabEvent e WHERE e.id = r.eventId
            AND (r.subject = :subject OR r.contactId = :contactId)
            AND r.status IN ('CONFIRMED', 'WAITLISTED', 'OFFERED') AND r.checkedInAt IS NULL AND e.startsAt > :now""")
    List<Ids> upcomingLiveOf(String subject, UUID contactId, Instant now);

    @Query("SELECT coalesce(sum(r.seats), 0) FROM Registration r WHERE r.eventId = :eventId"
            + " AND r.checkedInAt IS NOT NULL")
    long checkedInSeats(UUID eventId);
}
