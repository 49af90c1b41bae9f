package org.creativelabs.core.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.members.privacy.PersonalData;
import org.creativelabs.core.web.IdempotencyKeys;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's event registrations in their export. On erasure their registrations for events still to come are
 * cancelled (the seats go to the line), and every registration of theirs loses name and contact and takes the
 * pseudonym; check-ins stay, so attendance counts hold. A network contact is erased the same way.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class EventPersonalData implements PersonalData {

    private final RegistrationRepository registrations;
    private final NetworkContactRepository contacts;
    private final RegistrationDesk desk;
    private final IdempotencyKeys idempotency;

    EventPersonalData(
            RegistrationRepository registrations,
            NetworkContactRepository contacts,
            RegistrationDesk desk,
            IdempotencyKeys idempotency) {
        this.registrations = registrations;
        this.contacts = contacts;
        this.desk = desk;
        this.idempotency = idempotency;
    }

    @Override
    public String section() {
        return "events";
    }

    @Override
    public Object export(String subject) {
        return Map.of(
                "registrations",
                registrations.findBySubjectOrderByCreatedAt(subject).stream()
                        .map(Registration::staffView)
                        .toList());
    }

    @Override
    public void erase(String subject, String pseudonym) {
        release(registrations.upcomingLiveOf(subject, null, Instant.now()));
        registrations.findBySubjectOrderByCreatedAt(subject).forEach(r -> r.erase(pseudonym));
        registrations.flush();
    }

    /**
     * One registration's personal data, on request of its holder (by code) or by a lab admin: cancelled first when it
     * still holds or awaits seats for an event to come (the seat goes to the line); check-ins stay counted.
     */
    Registration eraseRegistration(UUID eventId, UUID registrationId) {
        Registration registration = desk.registration(eventId, registrationId);
        if (registration.status().live()
                && registration.checkedInAt() == null
                && desk.event(eventId).startsAt().isAfter(Instant.now())) {
            registration = desk.cancel(eventId, registrationId, "erased");
        }
        String pseudonym = "erased:" + registrationId;
        if (registration.name() != null) {
            registration.erase(pseudonym);
            registrations.saveAndFlush(registration);
        }
        idempotency.forget(pseudonym, registrationId.toString());
        return registration;
    }

    void eraseContact(NetworkContact contact) {
        release(registrations.upcomingLiveOf(null, contact.id(), Instant.now()));
        List<Registration> theirs = registrations.findByContactId(contact.id());
        theirs.forEach(r -> r.erase(contact.pseudonym()));
        // Their registration replies, kept for retries, hold their name.
        idempotency.forget(
                contact.pseudonym(), theirs.stream().map(r -> r.id().toString()).toArray(String[]::new));
        contact.erase();
        contacts.saveAndFlush(contact);
    }

    private void release(List<RegistrationRepository.Ids> upcoming) {
        for (RegistrationRepository.Ids ids : upcoming) {
            desk.cancel(ids.eventId(), ids.registrationId(), "erased");
        }
    }
}
