package org.creativelabs.core.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.notifications.Notifications;
import org.creativelabs.core.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of an event's line, under the event's row lock, so concurrent registrations are served one at a time
 * in arrival order: seats go to whoever comes while seats are free and nobody waits; later arrivals wait in line by
 * position. A freed seat is offered to the first in line whose group fits, for the event's claim window; an offer
 * not claimed in time lapses and goes to the next. Lapsed offers are settled whenever the line is touched and by
 * {@link OfferExpiry}. Each change is recorded in {@code registration_change}.
 */
@Service
// A refusal here is the caller's to roll back or not: a lapsed offer's claim keeps the lapse it found.
@Transactional(propagation = Propagation.MANDATORY, noRollbackFor = Problems.Problem.class)
class RegistrationDesk {

    private static final List<Registration.Status> LINE =
            List.of(Registration.Status.OFFERED, Registration.Status.WAITLISTED);
    private static final List<Registration.Status> LIVE =
            List.of(Registration.Status.CONFIRMED, Registration.Status.OFFERED, Registration.Status.WAITLISTED);

    /** Who registers: {@code personKey} identifies them for "one live registration each". */
    record Registrant(String personKey, String subject, String name, String contact, NetworkConsent joins) {}

    /** A person without an account agreeing to join the lab's network, in the words they were shown. */
    record NetworkConsent(String wording) {}

    private final LabEventRepository events;
    private final RegistrationRepository registrations;
    private final NetworkContactRepository contacts;
    private final JdbcTemplate jdbc;
    private final Notifications notifications;

    RegistrationDesk(
            LabEventRepository events,
            RegistrationRepository registrations,
            NetworkContactRepository contacts,
            JdbcTemplate jdbc,
            Notifications notifications) {
        this.events = events;
        this.registrations = registrations;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    /** The event, not locked (for reading). */
    LabEvent event(UUID eventId) {
        return events.findById(eventId)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "event-not-found", eventId));
    }

    LabEvent lock(UUID eventId) {
        return events.lock(eventId).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "event-not-found", eventId));
    }

    Registration register(UUID eventId, Registrant who, int seats) {
        LabEvent event = lock(eventId);
        Instant now = Instant.now();
        if (!event.openForRegistration(now)) {
            throw Problems.of(HttpStatus.CONFLICT, "event-closed", eventId);
        }
        if (seats > event.maxGroupSize()) {
            throw Problems.invalidField("companions", "group-too-large", event.maxGroupSize() - 1);
        }
        if (!registrations.findLive(eventId, who.personKey(), LIVE).isEmpty()) {
            throw Problems.of(HttpStatus.CONFLICT, "already-registered");
        }
        settle(event, now);
        LabEvent.Seats held = registrations.seats(eventId);
        boolean fits = held.waitlisted() == 0 && held.taken() + seats <= event.capacity();
        UUID contactId = who.joins() == null ? null : joinNetwork(who).id();
        Registration registration = registrations.saveAndFlush(new Registration(
                eventId,
                who.personKey(),
                who.subject(),
                contactId,
                who.name(),
                who.contact(),
                seats,
                fits ? Registration.Status.CONFIRMED : Registration.Status.WAITLISTED,
                takePosition(eventId)));
        record(registration, "registered");
        if (!fits) {
            offerFreeSeats(event, now);
        }
        return registration;
    }

    /**
     * The registration, read after its event is locked (so what it says holds until the transaction ends); 404 when
     * it is not one of this event's.
     */
    Registration registration(UUID eventId, UUID registrationId) {
        return registrations
                .findByIdAndEventId(registrationId, eventId)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "registration-not-found", registrationId));
    }

    /** Cancels a live registration (cancelling again changes nothing) and offers its seats to the line. */
    Registration cancel(UUID eventId, UUID registrationId, String reason) {
        LabEvent event = lock(eventId);
        Registration registration = registration(eventId, registrationId);
        if (registration.checkedInAt() != null) {
            throw Problems.of(HttpStatus.CONFLICT, "registration-checked-in", registrationId);
        }
        if (registration.status().live()) {
            registration.end(Registration.Status.CANCELLED);
            record(registrations.saveAndFlush(registration), reason);
            settle(event, Instant.now());
        }
        return registration;
    }

    /** Takes an offered seat within its window; claiming a confirmed seat again changes nothing. */
    Registration claim(UUID eventId, UUID registrationId) {
        LabEvent event = lock(eventId);
        Registration registration = registration(eventId, registrationId);
        settle(event, Instant.now());
        switch (registration.status()) {
            case OFFERED -> {
                registration.confirm();
                record(registrations.saveAndFlush(registration), "claimed");
            }
            case CONFIRMED -> {}
            case EXPIRED -> throw Problems.of(HttpStatus.CONFLICT, "offer-lapsed");
            default -> throw Problems.of(HttpStatus.CONFLICT, "no-offer");
        }
        return registration;
    }

    /** Staff changed the event: fewer seats than are held is refused; more seats go to the line. */
    void changed(LabEvent event, long heldBefore) {
        if (event.capacity() < heldBefore) {
            throw Problems.invalidField("capacity", "below-held-seats", heldBefore);
        }
        settle(event, Instant.now());
    }

    void cancelEvent(LabEvent event) {
        event.cancel();
        for (Registration registration : registrations.findByEventIdAndStatusInOrderByPosition(event.id(), LIVE)) {
            registration.end(Registration.Status.CANCELLED);
            record(registrations.saveAndFlush(registration), "event-cancelled");
        }
    }

    /** Lapses offers whose window has passed and offers free seats to the line. */
    void settle(LabEvent event, Instant now) {
        for (Registration offer : registrations.findByEventIdAndStatusInOrderByPosition(
                event.id(), List.of(Registration.Status.OFFERED))) {
            if (offer.offerLapsed(now)) {
                offer.end(Registration.Status.EXPIRED);
                record(registrations.saveAndFlush(offer), "expired");
            }
        }
        offerFreeSeats(event, now);
    }

    /** Place in line (1 = next) of a waiting registration, else null. */
    Long waitlistPlace(Registration registration) {
        return registration.status() == Registration.Status.WAITLISTED
                ? registrations.waitingAhead(registration.eventId(), registration.position()) + 1
                : null;
    }

    private void offerFreeSeats(LabEvent event, Instant now) {
        long free = event.capacity() - registrations.seats(event.id()).taken();
        Instant until = now.plus(Duration.ofMinutes(event.claimWindowMinutes()));
        for (Registration waiting : registrations.findByEventIdAndStatusInOrderByPosition(
                event.id(), List.of(Registration.Status.WAITLISTED))) {
            if (free <= 0) {
                return;
            }
            // A group that does not fit keeps its place; smaller entries behind it may take the seats.
            if (waiting.seats() <= free) {
                waiting.offer(until);
                record(registrations.saveAndFlush(waiting), "offered");
                // A registrant with an account is told here; one without reads it with their code.
                if (waiting.subject() != null) {
                    notifications.tell(waiting.subject(), "event-seat-offered", event.title(), until);
                }
                free -= waiting.seats();
            }
        }
    }

    private NetworkContact joinNetwork(Registrant who) {
        return contacts.findByContactKey(NetworkContact.key(who.contact()))
                .orElseGet(() -> contacts.saveAndFlush(new NetworkContact(
                        who.name(), who.contact(), who.joins().wording())));
    }

    private long takePosition(UUID eventId) {
        return jdbc.queryForObject(
                "UPDATE lab_event SET next_position = next_position + 1 WHERE id = ? RETURNING next_position - 1",
                Long.class,
                eventId);
    }

    private void record(Registration registration, String reason) {
        jdbc.update(
                "INSERT INTO registration_change (registration_id, seq, status, reason)"
                        + " SELECT ?, coalesce(max(seq), 0) + 1, ?, ? FROM registration_change WHERE registration_id = ?",
                registration.id(),
                registration.status().name(),
                reason,
                registration.id());
    }
}
